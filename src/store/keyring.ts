import { existsSync } from "node:fs";
import { fetchPlan } from "../core/fetch-plan.js";
import { AimError } from "../errors.js";
import { type KeyringModule, loadKeyringModule } from "./keyring-native.js";
import { isStoreKey } from "../core/names.js";
import { readScope } from "./metadata.js";
import type { SecretStore } from "./store.js";

const FALLBACK_HINT = "or keep secrets in the encrypted file vault instead: export AIM_BACKEND=file";

/**
 * On Linux the keyring is the Secret Service over the D-Bus session bus. Without a bus,
 * @napi-rs/keyring silently falls back to kernel keyutils, where writes fail with a bare
 * "AccessDenied" and reads find nothing: say what is really wrong before that happens.
 */
export function linuxBusProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== "linux") return undefined;
  if (env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  if (env.XDG_RUNTIME_DIR && existsSync(`${env.XDG_RUNTIME_DIR}/bus`)) return undefined;
  return "no D-Bus session bus, so no Secret Service (keyring) can be reached";
}

/** Turns a keyring library failure into one plain sentence with a fix. */
export function keyringError(err: unknown): AimError {
  const raw = err instanceof Error ? err.message : String(err);
  const opts = (hint: string) => ({ hint, cause: err });
  if (/Failed to connect|ServiceUnknown|No such file or directory|AccessDenied/i.test(raw)) {
    return new AimError(
      "KEYRING_UNAVAILABLE",
      `the keyring cannot be reached (${raw.replace(/^Couldn't access platform storage: /, "")})`,
      opts(`start a Secret Service such as gnome-keyring-daemon, ${FALLBACK_HINT}; run aim doctor for details`),
    );
  }
  if (/no result found|locked|prompt/i.test(raw)) {
    return new AimError(
      "KEYRING_LOCKED",
      "the keyring has no unlocked default collection",
      opts(`unlock your login keyring (gnome-keyring-daemon --unlock, or log in to the desktop), ${FALLBACK_HINT}`),
    );
  }
  return new AimError("KEYRING_FAILED", `the keyring failed: ${raw}`, opts("run aim doctor for details"));
}

/**
 * How many entries the service holds, as far as aim's metadata knows (it records every
 * key aim stores). Only Linux was measured; elsewhere say "unknown", which means one search.
 */
function heldEstimate(scope: string): number | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    return Object.keys(readScope(scope)).length;
  } catch {
    return undefined;
  }
}

/** The OS keyring: one entry per key, service = AIM_KEYRING_SERVICE, account = store key (NAME or PROFILE/NAME). */
export class KeyringStore implements SecretStore {
  readonly backend = "keyring" as const;
  readonly location: string;
  readonly scope: string;
  #lib: KeyringModule | undefined;

  constructor(readonly service: string) {
    this.location = `OS keyring, service "${service}"`;
    this.scope = `keyring:${service}`;
  }

  async #load(): Promise<KeyringModule> {
    const problem = linuxBusProblem();
    if (problem) {
      throw new AimError("KEYRING_UNAVAILABLE", problem, {
        hint: `run inside a desktop session or start one (dbus-run-session), ${FALLBACK_HINT}`,
      });
    }
    // The native module costs start-up time: load it only when a value is needed.
    this.#lib ??= await loadKeyringModule();
    return this.#lib;
  }

  async all(): Promise<Map<string, string>> {
    const lib = await this.#load();
    try {
      const found = await lib.findCredentialsAsync(this.service);
      // Other programs' entries under the service are not aim's keys: skip what is no store key.
      return new Map(found.filter((c) => isStoreKey(c.account)).map((c) => [c.account, c.password]));
    } catch (err) {
      throw keyringError(err);
    }
  }

  async getMany(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    if (fetchPlan(keys.length, heldEstimate(this.scope)) === "get") return this.#getEach(keys);
    // One D-Bus search returns the whole service: cheaper than a round trip per key.
    const all = await this.all();
    return new Map(keys.flatMap((k) => (all.has(k) ? [[k, all.get(k) as string] as const] : [])));
  }

  async #getEach(keys: readonly string[]): Promise<Map<string, string>> {
    const lib = await this.#load();
    try {
      const values = await Promise.all(keys.map((k) => new lib.AsyncEntry(this.service, k).getPassword()));
      return new Map(keys.flatMap((k, i) => (values[i] == null ? [] : [[k, values[i] as string] as const])));
    } catch (err) {
      throw keyringError(err);
    }
  }

  async set(key: string, value: string): Promise<void> {
    const lib = await this.#load();
    try {
      await new lib.AsyncEntry(this.service, key).setPassword(value);
    } catch (err) {
      throw keyringError(err);
    }
  }

  async delete(key: string): Promise<boolean> {
    const lib = await this.#load();
    try {
      return await new lib.AsyncEntry(this.service, key).deletePassword();
    } catch (err) {
      throw keyringError(err);
    }
  }
}
