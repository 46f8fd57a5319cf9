import { AimError } from "../../errors.js";
import { askHidden } from "../../terminal/tty.js";
import { agentError, askAgent } from "./agent-client.js";
import { fileKeyFromPassphrase } from "./age.js";
import { agentSocket } from "./paths.js";

type Env = NodeJS.ProcessEnv;

// In this process only: file keys by header, and a passphrase typed once.
const keys = new Map<string, Uint8Array>();
let typed: string | undefined;
const id = (header: Uint8Array) => Buffer.from(header).toString("base64");

export const cachedFileKey = (header: Uint8Array): Uint8Array | undefined => keys.get(id(header));

export const lockedError = (path: string): AimError =>
  new AimError("VAULT_LOCKED", `the vault ${path} is locked and there is no terminal to ask for its passphrase`, {
    hint: "unlock it for this login session with aim vault unlock, or set AIM_VAULT_PASSPHRASE (CI)",
  });

/**
 * The file key of a vault header. Sources, in order: this process's cache,
 * AIM_VAULT_PASSPHRASE, the passphrase typed earlier in this command, the unlocked agent,
 * a hidden prompt on the terminal (/dev/tty when stdin is a pipe). Without any, the error
 * says how to unlock.
 */
export async function fileKeyFor(header: Uint8Array, path: string, env: Env = process.env): Promise<Uint8Array> {
  const hit = cachedFileKey(header);
  if (hit) return hit;
  let key: Uint8Array | undefined;
  if (env.AIM_VAULT_PASSPHRASE) {
    key = await fileKeyFromPassphrase(header, env.AIM_VAULT_PASSPHRASE, "the passphrase in AIM_VAULT_PASSPHRASE", path);
  } else if (typed !== undefined) {
    key = await fileKeyFromPassphrase(header, typed, "the passphrase you typed", path);
  } else {
    const reply = await askAgent(agentSocket(path, env), { op: "filekey", header: id(header) });
    if (reply && !reply.ok) throw agentError(reply);
    if (reply?.fileKey) key = Buffer.from(reply.fileKey, "base64");
  }
  if (!key) {
    const answer = await askHidden(`aim: passphrase for ${path}: `);
    if (answer === undefined) throw lockedError(path);
    key = await fileKeyFromPassphrase(header, answer, "the passphrase you typed", path);
    typed = answer;
  }
  keys.set(id(header), key);
  return key;
}

/** A passphrase for a new vault: AIM_VAULT_PASSPHRASE, or asked twice on a terminal. */
export async function newPassphrase(path: string, env: Env = process.env): Promise<string> {
  if (env.AIM_VAULT_PASSPHRASE) return env.AIM_VAULT_PASSPHRASE;
  if (typed !== undefined) return typed;
  const first = await askHidden(`aim: creating the encrypted vault ${path}\naim: new vault passphrase: `);
  if (first === undefined) {
    throw new AimError("VAULT_LOCKED", `there is no vault at ${path} yet, and no terminal to ask for a new passphrase`, {
      hint: "create it in a terminal with aim vault unlock, or set AIM_VAULT_PASSPHRASE (CI)",
    });
  }
  if (first === "") throw new AimError("VAULT_PASSPHRASE", "an empty passphrase protects nothing; no vault was created");
  if ((await askHidden("aim: the same passphrase again: ")) !== first) {
    throw new AimError("VAULT_PASSPHRASE", "the two passphrases differ; no vault was created");
  }
  typed = first;
  return first;
}

/** The passphrase itself (for `aim vault unlock`): AIM_VAULT_PASSPHRASE or a prompt. */
export async function existingPassphrase(path: string, env: Env = process.env): Promise<string> {
  if (env.AIM_VAULT_PASSPHRASE) return env.AIM_VAULT_PASSPHRASE;
  const answer = await askHidden(`aim: passphrase for ${path}: `);
  if (answer === undefined) throw lockedError(path);
  typed = answer;
  return answer;
}
