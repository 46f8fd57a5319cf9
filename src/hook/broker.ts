import { ensureBroker, askBroker } from "../broker/user-client.js";
import type { SessionKey } from "../broker/user-protocol.js";
import { quietProxyWarning } from "../broker/env.js";
import { AimError, describeError } from "../errors.js";

export interface Brokered {
  /** What the shell exports: placeholders for bound keys, values for the others, then the proxy and CA variables. */
  values: Map<string, string>;
  warnings: string[];
  /** A session of this shell is open in the per-user broker. */
  session: boolean;
}

/**
 * Under `broker: true`: hands the shell's bound keys to the per-user broker (starting it
 * if none runs) and returns what the shell exports instead of their values. Keys with no
 * host are exported as values, named in one line. If the broker cannot be reached, the
 * bound keys are not exported at all: never their values in their place.
 */
export async function brokerTarget(
  shell: number,
  values: ReadonlyMap<string, string>,
  hostsOf: (key: string) => readonly string[],
  owned: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Brokered> {
  const keys: SessionKey[] = [];
  const unbound: string[] = [];
  for (const [name, value] of values) {
    const hosts = hostsOf(name);
    if (hosts.length > 0) keys.push({ name, value, hosts: [...hosts] });
    else unbound.push(name);
  }
  const warnings =
    unbound.length > 0 ? [`not brokered (no hosts: bind them with hosts: in .aimrc), so exported as values: ${unbound.join(", ")}`] : [];
  const raw = new Map(unbound.map((k) => [k, values.get(k) as string] as const));
  if (keys.length === 0) return { values: raw, warnings, session: false };
  // The broker starts from the user's environment, without what aim exported into the shell.
  const childEnv = { ...env };
  for (const key of owned) delete childEnv[key];
  try {
    await ensureBroker(childEnv, env);
    const reply = await askBroker({ op: "open", shell, keys }, env);
    if (!reply?.ok || !reply.env)
      throw new AimError(
        "IO",
        `the per-user broker refused the session: ${JSON.stringify((reply?.message ?? "it stopped").slice(0, 200))}`,
      );
    const out = new Map<string, string>();
    for (const { name } of keys) {
      const placeholder = reply.env[name];
      if (placeholder === undefined) throw new AimError("IO", `the per-user broker gave no placeholder for ${name}`);
      out.set(name, placeholder);
    }
    for (const [k, v] of raw) out.set(k, v);
    for (const [k, v] of Object.entries(reply.env)) if (!out.has(k)) out.set(k, v);
    // The shell's own NODE_OPTIONS (aim's addition is kept once), restored on leaving.
    out.set("NODE_OPTIONS", quietProxyWarning(env.NODE_OPTIONS));
    return { values: out, warnings, session: true };
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    const names = keys.map((k) => k.name).join(", ");
    return {
      values: raw,
      warnings: [...warnings, `${describeError(err)}; not exporting ${names} (brokered keys are never exported as values)`],
      session: false,
    };
  }
}

/** Ends this shell's session in the per-user broker, if one runs; starts nothing. */
export async function closeBrokerSession(shell: number, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await askBroker({ op: "close", shell }, env, 2_000);
  } catch {
    // A broker that does not answer ends the session when it sees this shell gone, or stops.
  }
}
