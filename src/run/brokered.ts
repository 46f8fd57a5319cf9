import { BASE_URL_VARIABLES, baseUrl, mergeHosts } from "../core/hosts.js";
import { log } from "../runtime/log.js";
import type { Prepared } from "./prepare.js";
import { type ChildResult, runChild } from "./spawn.js";

type Bound = { name: string; value: string; hosts: readonly string[]; upstream?: string };

/** The keys the child gets that have a host binding (they are brokered) and those that have none (handed over raw). */
export function splitBound(ready: Prepared): { bound: Bound[]; unbound: string[] } {
  const { project, resolved } = ready;
  const hosts = mergeHosts(project.global?.config.hosts, project.file?.config.hosts);
  const given = [...new Set([...resolved.injected, ...resolved.inherited])];
  const bound: Bound[] = [];
  const unbound: string[] = [];
  for (const name of given) {
    const value = resolved.env[name];
    if (typeof value !== "string" || value === "") continue;
    const h = hosts[name];
    const upstream = baseUrl(resolved.env[BASE_URL_VARIABLES[name] ?? ""]);
    if (h && h.length > 0) bound.push({ name, value, hosts: h, ...(upstream ? { upstream } : {}) });
    else unbound.push(name);
  }
  return { bound, unbound };
}

/**
 * Runs the command under the broker: bound keys become placeholders, the proxy and the
 * session CA are in its environment, and the broker lives in this process as long as the
 * command does (the spawn path: on the execve path nothing would be left to serve it).
 */
export async function runBrokered(command: string, args: string[], ready: Prepared, mask: boolean): Promise<ChildResult> {
  const { bound, unbound } = splitBound(ready);
  if (unbound.length > 0) {
    log.info(`not brokered (no host binding), handed over as values: ${unbound.join(", ")}; bind them with hosts: in .aimrc`);
  }
  if (bound.length === 0) {
    log.info("no key has a host binding: running without the broker");
    return runChild(command, args, ready.resolved.env, mask ? ready.secrets : undefined);
  }
  const [{ startBroker }, files, { brokeredEnv }] = await Promise.all([
    import("../broker/proxy.js"),
    import("../broker/session-files.js"),
    import("../broker/env.js"),
  ]);
  const broker = await startBroker({ warn: (text) => log.warn(text) });
  const session = broker.openSession(bound);
  let written: import("../broker/session-files.js").SessionFiles | undefined;
  // The folder holds only the CA certificate; it goes even when aim is ended by a signal it forwards.
  const remove = () => {
    if (written) files.removeSessionFiles(written);
    written = undefined;
  };
  process.once("exit", remove);
  try {
    written = files.writeSessionFiles(broker.caPem);
    const env = brokeredEnv(ready.resolved.env, session, written);
    // A base URL the user set is served by the broker, which sends its requests on to it.
    for (const [name, url] of Object.entries(session.baseUrls)) {
      const variable = BASE_URL_VARIABLES[name];
      if (variable) env[variable] = url;
    }
    return await runChild(command, args, env, mask ? ready.secrets : undefined);
  } finally {
    session.close();
    remove();
    process.off("exit", remove);
    await broker.close();
  }
}
