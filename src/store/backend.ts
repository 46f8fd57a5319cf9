import { announceLine, type BackendChoice, decideBackend } from "../core/backend-choice.js";
import { AimError } from "../errors.js";
import { type KnownGlobal, readBackendSetting } from "./backend-config.js";
import { KeyringStore, linuxBusProblem } from "./keyring/keyring.js";
import { log } from "../runtime/log.js";
import { promptsAllowed } from "../runtime/prompt-policy.js";
import { keyringService } from "../runtime/paths.js";
import type { StoreProvider } from "./provider.js";

type Env = NodeJS.ProcessEnv;

/** Which backend this command uses and why, without touching either store. */
export function chooseBackend(env: Env = process.env, known?: KnownGlobal | null): BackendChoice {
  const { setting, source } = readBackendSetting(env, known);
  return decideBackend(setting, source, linuxBusProblem(env));
}

// The auto line is said once per command, however many stores the command opens.
let announced = false;
const announce = (choice: Pick<BackendChoice, "reason">, location: string): void => {
  // The shell hook (no prompts) runs on every cd: the line would repeat; aim doctor tells it.
  if (announced || !promptsAllowed()) return;
  announced = true;
  log.info(announceLine(choice, location));
};

async function openVault(env: Env): Promise<StoreProvider> {
  // The vault's code (and age-encryption) loads only when the vault is the backend.
  const [{ VaultStore }, { vaultPath }] = await Promise.all([import("./vault/store.js"), import("./vault/paths.js")]);
  return new VaultStore(vaultPath(env), env);
}

/** The store of a named backend, for `aim secrets migrate` and `aim doctor`. */
export const openBackend = (name: "keyring" | "file", env: Env = process.env): Promise<StoreProvider> =>
  name === "file" ? openVault(env) : Promise.resolve(new KeyringStore(keyringService(env), env));

/**
 * The store that every command uses: the keyring or the encrypted file vault. Opened once per
 * command, by its store context (context.ts): a second one would not know what the first
 * learned (that the keyring did not answer).
 */
export async function openStore(env: Env = process.env, known?: KnownGlobal | null): Promise<StoreProvider> {
  const choice = chooseBackend(env, known);
  if (choice.backend === "file") {
    const vault = await openVault(env);
    if (choice.announce) announce(choice, vault.location);
    // auto found no keyring: keys aim stored there are not gone, only out of reach.
    return choice.setting === "auto" ? Object.assign(vault, { unreachable: linuxBusProblem(env) ?? choice.reason }) : vault;
  }
  const keyring = new KeyringStore(keyringService(env));
  return choice.setting === "auto" ? new AutoStore(keyring, env) : keyring;
}

/**
 * auto with a D-Bus session: the keyring, unless its first call shows that no Secret
 * Service answers on that bus; then the vault. Either way one store from start to end: a
 * keyring that answered once and then dies mid-command is an error, never a switch to the
 * vault with half the keys on each side.
 */
class AutoStore implements StoreProvider {
  readonly scheme = "store" as const;
  #store: StoreProvider;
  #decided = false;
  #unreachable: string | undefined;

  constructor(
    keyring: StoreProvider,
    readonly env: Env,
  ) {
    this.#store = keyring;
  }

  get backend() {
    return this.#store.backend;
  }
  get location() {
    return this.#store.location;
  }
  get scope() {
    return this.#store.scope;
  }

  get unreachable() {
    return this.#unreachable;
  }

  async #run<R>(op: (s: StoreProvider) => Promise<R>): Promise<R> {
    try {
      const out = await op(this.#store);
      this.#decided = true;
      return out;
    } catch (err) {
      const first = !this.#decided;
      this.#decided = true;
      if (!first || !(err instanceof AimError) || err.code !== "KEYRING_UNAVAILABLE") throw err;
      this.#store = await openVault(this.env);
      this.#unreachable = err.message;
      announce({ reason: err.message }, this.#store.location);
      return op(this.#store);
    }
  }

  resolve = (keys: readonly string[]) => this.#run((s) => s.resolve(keys));
  all = () => this.#run((s) => s.all());
  list = () => this.#run((s) => s.list());
  set = (key: string, value: string) => this.#run((s) => s.set(key, value));
  delete = (key: string) => this.#run((s) => s.delete(key));
}
