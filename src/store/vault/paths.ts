import { createHash } from "node:crypto";
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";
import { AimError } from "../../errors.js";
import { dataDir } from "../../runtime/paths.js";

type Env = NodeJS.ProcessEnv;

export const vaultPath = (env: Env = process.env): string => join(dataDir(env), "vault.age");

/** scrypt's log2 work factor for a new vault: age's default 18 unless AIM_VAULT_WORK_FACTOR says otherwise. */
export function workFactor(env: Env = process.env): number {
  const n = Number(env.AIM_VAULT_WORK_FACTOR ?? 18);
  return Number.isInteger(n) && n >= 1 && n <= 20 ? n : 18;
}

/** The agent's private folder: $XDG_RUNTIME_DIR/aim-UID (or the temp dir), mode 0700. */
export const agentDir = (env: Env = process.env): string =>
  join(env.XDG_RUNTIME_DIR || tmpdir(), `aim-${process.getuid?.() ?? userInfo().username}`);

/** One agent per user and per vault: the socket is named after the vault's absolute path. */
export function agentSocket(vault: string, env: Env = process.env): string {
  const id = createHash("sha256").update(resolve(vault)).digest("hex").slice(0, 16);
  if (process.platform === "win32") return `\\\\.\\pipe\\aim-${userInfo().username}-${id}`;
  return join(agentDir(env), `agent-${id}.sock`);
}

/** Creates the agent folder, or refuses one that another user could reach into. */
export function ensureAgentDir(env: Env = process.env): string {
  const dir = agentDir(env);
  if (process.platform === "win32") return dir;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0) {
    throw new AimError("IO", `${dir} must be a folder of yours that only you can open (mode 0700)`, {
      hint: `remove it and run the command again: rm -rf '${dir}'`,
    });
  }
  return dir;
}
