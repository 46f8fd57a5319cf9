import { serializeVault } from "./format.js";
import { AimError } from "../../errors.js";
import { writeAtomic } from "../../runtime/jsonfile.js";
import { startDetached } from "../../runtime/line-socket.js";
import { withLock } from "../../runtime/lock.js";
import { type AgentReply, askAgent } from "./agent-client.js";
import type { AgentInit } from "./agent-server.js";
import { fileKeyFromPassphrase, sealNew, splitHeader, toBinary } from "./age.js";
import { existingPassphrase, newPassphrase } from "./keys.js";
import { agentSocket, ensureAgentDir, vaultPath, workFactor } from "./paths.js";
import { readVaultBytes } from "./store.js";

type Env = NodeJS.ProcessEnv;

export interface UnlockResult {
  vault: string;
  pid: number;
  created: boolean;
  already: boolean;
}

export const agentStatus = (env: Env = process.env): Promise<AgentReply | undefined> =>
  askAgent(agentSocket(vaultPath(env), env), { op: "status" }, 5_000);

/** Checks the passphrase (or creates the vault), then starts the agent and waits until it listens. */
export async function unlockVault(idleMs: number, env: Env = process.env): Promise<UnlockResult> {
  const vault = vaultPath(env);
  const socket = agentSocket(vault, env);
  const running = await askAgent(socket, { op: "status" }, 5_000);
  if (running?.ok) return { vault, pid: running.pid ?? 0, created: false, already: true };
  ensureAgentDir(env);
  let init: AgentInit;
  const bytes = readVaultBytes(vault);
  if (!bytes) {
    const passphrase = await newPassphrase(vault, env);
    await withLock(vault, async () => {
      if (!readVaultBytes(vault)) await writeAtomic(vault, await sealNew(serializeVault(new Map()), passphrase, workFactor(env)));
    });
    init = { passphrase, vault, socket, idleMs };
  } else {
    const passphrase = await existingPassphrase(vault, env);
    const header = splitHeader(await toBinary(bytes, vault), vault);
    const from = env.AIM_VAULT_PASSPHRASE ? "the passphrase in AIM_VAULT_PASSPHRASE" : "the passphrase you typed";
    const key = await fileKeyFromPassphrase(header, passphrase, from, vault);
    const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
    init = { passphrase, vault, socket, idleMs, seed: { header: b64(header), fileKey: b64(key) } };
  }
  const pid = await startAgent(init, env);
  return { vault, pid, created: !bytes, already: false };
}

/** Spawns the detached agent; the passphrase travels on its stdin, and is not in its environment. */
async function startAgent(init: AgentInit, env: Env): Promise<number> {
  const { AIM_VAULT_PASSPHRASE: _never, ...childEnv } = env;
  const fail = (why: string) =>
    new AimError("VAULT_LOCKED", `the vault agent did not start: ${why}`, { hint: "AIM_DEBUG=1 aim vault unlock shows more" });
  const { line, pid } = await startDetached("__vault-agent", childEnv, JSON.stringify(init), fail);
  if (line.startsWith("ready")) return pid;
  throw fail(line.trim());
}

/** Ends the agent of this vault. False when none was running. */
export async function lockVault(env: Env = process.env): Promise<boolean> {
  const socket = agentSocket(vaultPath(env), env);
  const reply = await askAgent(socket, { op: "stop" }, 5_000);
  if (!reply) return false;
  for (let i = 0; i < 50 && (await askAgent(socket, { op: "status" }, 1_000).catch(() => undefined)); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
