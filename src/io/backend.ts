import { KeyringStore } from "./keyring.js";
import { keyringService } from "./paths.js";
import type { SecretStore } from "./store.js";

/** The store that every command uses. The file vault backend plugs in here. */
export async function openStore(env: NodeJS.ProcessEnv = process.env): Promise<SecretStore> {
  return new KeyringStore(keyringService(env));
}
