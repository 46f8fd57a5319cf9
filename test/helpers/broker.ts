import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Result, sandbox } from "./cli.js";
import { type LoopbackOptions, type Seen, startLoopbackApi } from "./loopback.js";
import { makeTestCa } from "./test-ca.js";

/** The real API hosts a brokered test reaches; AIM_BROKER_CONNECT_TO sends each to the loopback upstream. */
export const HOSTS = ["api.openai.com", "api.anthropic.com", "generativelanguage.googleapis.com", "api.github.com", "github.com"];

/**
 * A sandbox, a loopback TLS upstream with the test's own CA (trusted by aim through its own
 * NODE_EXTRA_CA_CERTS, never by the brokered command), and the real host names routed to it.
 */
export async function brokerWorld(opts: { text?: string; hosts?: string[] } & LoopbackOptions = {}) {
  const sb = sandbox();
  const caDir = join(sb.dir, "upstream-ca");
  mkdirSync(caDir);
  const hosts = opts.hosts ?? HOSTS;
  const ca = makeTestCa(caDir, hosts);
  const api = await startLoopbackApi(opts.text ?? "loopback-reply", { ...opts, tls: { key: ca.key, cert: ca.cert } });
  const brokerEnv = {
    NODE_EXTRA_CA_CERTS: ca.caFile,
    AIM_BROKER_CONNECT_TO: hosts.map((h) => `${h}:443:127.0.0.1:${api.port}`).join(","),
  };
  Object.assign(sb.env, brokerEnv);
  return { ...sb, api, ca, brokerEnv };
}

/** Every value an upstream request carried in a key header. */
export const keyHeaders = (seen: Seen[]): string[] =>
  seen
    .flatMap((s) => [s.headers.authorization, s.headers["x-api-key"], s.headers["x-goog-api-key"], s.headers["api-key"]])
    .filter((v): v is string => typeof v === "string");

/** `aim exec --broker --keys KEYS -- sh -c SCRIPT`, asynchronously (the upstream lives in the test's process). */
export const brokeredSh = (
  w: { aimAsync: (args: string[], opts?: { env?: NodeJS.ProcessEnv }) => Promise<Result> },
  keys: string,
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Result> => w.aimAsync(["exec", "--broker", "--keys", keys, "--", "sh", "-c", script], { env });
