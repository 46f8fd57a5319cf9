import { chmodSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import { serveLine } from "../../runtime/line-socket.js";
import { readStdin } from "../../terminal/input.js";
import { type AgentReply, type AgentRequest, askAgent } from "./agent-client.js";
import { fileKeyFromPassphrase } from "./age.js";
import { ensureAgentDir } from "./paths.js";

/** What `aim vault unlock` hands the agent, on its standard input (never argv or env). */
export interface AgentInit {
  passphrase: string;
  vault: string;
  socket: string;
  idleMs: number;
  /** The header and file key unlock already derived, so the first command costs no scrypt. */
  seed?: { header: string; fileKey: string };
}

/**
 * `aim __vault-agent`: holds one vault's passphrase and derived file keys in memory and
 * gives the file key to aim processes of the same user over a 0600 socket in a 0700
 * folder, like ssh-agent. Ends after idleMs without a request, or on `aim vault lock`.
 */
export async function serveAgent(): Promise<number> {
  const init = JSON.parse(await readStdin()) as AgentInit;
  process.umask(0o077);
  ensureAgentDir();
  if (await askAgent(init.socket, { op: "status" }).catch(() => undefined)) {
    process.stdout.write("busy\n");
    return 0;
  }
  try {
    unlinkSync(init.socket); // left by an agent that died
  } catch {}
  const keys = new Map<string, string>(init.seed ? [[init.seed.header, init.seed.fileKey]] : []);
  const startedAt = new Date();
  let expires = Date.now() + init.idleMs;
  let timer: NodeJS.Timeout;
  const idle = () => {
    clearTimeout(timer);
    expires = Date.now() + init.idleMs;
    timer = setTimeout(stop, Math.min(init.idleMs, 2 ** 31 - 1)); // setTimeout overflows past ~24 days
  };
  const server = createServer((conn) => serveLine(conn, (doc) => answer(doc as AgentRequest)));
  const stop = () => {
    server.close();
    try {
      unlinkSync(init.socket);
    } catch {}
    process.exit(0);
  };

  async function answer(req: AgentRequest): Promise<AgentReply> {
    const status = {
      ok: true,
      pid: process.pid,
      vault: init.vault,
      startedAt: startedAt.toISOString(),
      expiresAt: new Date(expires).toISOString(),
    };
    if (req.op === "status") return status;
    if (req.op === "stop") {
      setImmediate(stop); // after this reply is on its way
      return { ok: true };
    }
    if (req.op !== "filekey" || typeof req.header !== "string") return { ok: false, message: "unknown request" };
    idle();
    let fileKey = keys.get(req.header);
    if (!fileKey) {
      // A header this agent has not seen: the vault was re-encrypted (age -p). One scrypt.
      const key = await fileKeyFromPassphrase(Buffer.from(req.header, "base64"), init.passphrase, "the unlocked passphrase", init.vault);
      fileKey = Buffer.from(key).toString("base64");
      keys.set(req.header, fileKey);
    }
    return { ok: true, fileKey };
  }

  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(sig, stop);
  await new Promise<void>((resolve) => server.listen(init.socket, resolve));
  if (process.platform !== "win32") chmodSync(init.socket, 0o600);
  idle();
  process.stdout.write("ready\n");
  return new Promise<number>(() => {}); // runs until stop() exits the process
}
