import { join } from "node:path";
import { AimError } from "../../errors.js";
import { dataDir, keyringService } from "../../runtime/paths.js";
import { chooseBackend } from "../backend.js";
import type { KnownGlobal } from "../backend-config.js";
import { KeyringStore } from "../keyring/keyring.js";
import type { StoreProvider } from "../provider.js";

type Env = NodeJS.ProcessEnv;
type AgeModule = typeof import("age-encryption");

// The member's age identity is a secret like any other, kept in the member's own store but
// apart from the keys (its own keyring service, its own vault file), so that it never
// shows up in `aim secrets list` or `export --all`.
const ENTRY = "AIM_TEAM_IDENTITY";
const IDENTITY = /^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/;

async function identityStore(env: Env, known?: KnownGlobal | null): Promise<StoreProvider> {
  if (chooseBackend(env, known).backend === "file") {
    const { VaultStore } = await import("../vault/store.js");
    return new VaultStore(join(dataDir(env), "identity.age"), env);
  }
  return new KeyringStore(`${keyringService(env)}.identity`);
}

const badIdentity = (from: string) =>
  new AimError("TEAM", `${from} is not an age X25519 identity (AGE-SECRET-KEY-1…)`, {
    hint: "set it to the output of: age-keygen | grep AGE-SECRET-KEY (or aim team whoami on the member's machine)",
  });

/**
 * The identity that opens team files: AIM_IDENTITY (CI) or the one in the member's store.
 * `known`: the global config the command has read already (the store follows its backend).
 */
export async function readIdentity(
  env: Env = process.env,
  known?: KnownGlobal | null,
): Promise<{ identity: string; from: string } | undefined> {
  const fromEnv = env.AIM_IDENTITY?.trim();
  if (fromEnv) {
    if (!IDENTITY.test(fromEnv)) throw badIdentity("AIM_IDENTITY");
    return { identity: fromEnv, from: "AIM_IDENTITY" };
  }
  const store = await identityStore(env, known);
  const stored = (await store.resolve([ENTRY])).get(ENTRY);
  if (stored === undefined) return undefined;
  if (!IDENTITY.test(stored)) throw badIdentity(`the identity in the ${store.location}`);
  return { identity: stored, from: store.location };
}

/** `aim team whoami`: the member's identity, made and stored on first use. */
export async function ensureIdentity(env: Env = process.env, age?: AgeModule): Promise<{ identity: string; created: string | undefined }> {
  const found = await readIdentity(env);
  if (found) return { identity: found.identity, created: undefined };
  const lib = age ?? (await import("age-encryption"));
  const identity = await lib.generateX25519Identity();
  const store = await identityStore(env);
  await store.set(ENTRY, identity);
  return { identity, created: store.location };
}

export async function publicKey(identity: string): Promise<string> {
  return (await import("age-encryption")).identityToRecipient(identity);
}

export const noIdentity = (): AimError =>
  new AimError("TEAM", "you have no team identity on this machine", {
    hint: "run: aim team whoami, and ask a member to run: aim team add <your key>",
  });
