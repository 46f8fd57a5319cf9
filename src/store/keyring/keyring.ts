import { readFileSync } from "node:fs";
import { adoptSessionBus, sessionBusAddress } from "./session-bus.js";
import { fetchPlan } from "./fetch-plan.js";
import { isStoreKey, safeText, shownName } from "../../core/names.js";
import { AimError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { type KeyringModule, loadKeyringModule } from "./native.js";
import { readDirect } from "./secret-read.js";
import { metadataPath } from "../metadata.js";
import { scopeRecords, upgradeMetadata } from "../metadata-records.js";
import type { CheckScope, StoreProblem, StoreProvider } from "../provider.js";

const FALLBACK_HINT = "or keep secrets in the encrypted file vault instead: export AIM_BACKEND=file";

/**
 * On Linux the keyring is the Secret Service over the D-Bus session bus. Without a bus,
 * @napi-rs/keyring silently falls back to kernel keyutils, where writes fail with a bare
 * "AccessDenied" and reads find nothing: say what is really wrong before that happens.
 */
export function linuxBusProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== "linux") return undefined;
  if (sessionBusAddress(env)) return undefined;
  return "no D-Bus session bus, so no Secret Service (keyring) can be reached";
}

/** Whether a keyring library error says that one entry matched several items (another program added one). */
const isAmbiguous = (err: unknown): boolean =>
  /matched by \d+ credentials|ambiguous/i.test(err instanceof Error ? err.message : String(err));

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
  // The library's text can hold its internals (debug dumps of D-Bus paths): its first clause only.
  const said = raw.split(/: [[{]|\n/)[0]?.slice(0, 200) ?? "";
  return new AimError("KEYRING_FAILED", `the keyring failed: ${safeText(said)}`, opts("run aim doctor for details"));
}

/**
 * How many entries the service holds, as far as aim's metadata knows (it records every
 * key aim stores). Only Linux was measured; elsewhere say "unknown", which means one search.
 */
function heldEstimate(scope: string): number | undefined {
  if (process.platform !== "linux") return undefined;
  // Only a size, on aim exec's hot path: read plainly, without the schema (a damaged file
  // means "unknown", and the command that owns it says why).
  try {
    return Object.keys(scopeRecords(upgradeMetadata(JSON.parse(readFileSync(metadataPath(), "utf8")), scope), scope)).length;
  } catch {
    return undefined;
  }
}

/** The OS keyring: one entry per key, service = AIM_KEYRING_SERVICE, account = store key (NAME or PROFILE/NAME). */
export class KeyringStore implements StoreProvider {
  readonly scheme = "store" as const;
  readonly backend = "keyring" as const;
  readonly location: string;
  readonly scope: string;
  #lib: KeyringModule | undefined;
  #probed: Promise<StoreProblem | undefined> | undefined;

  constructor(
    readonly service: string,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {
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
    adoptSessionBus();
    // The native module costs start-up time: load it only when a value is needed.
    this.#lib ??= await loadKeyringModule();
    return this.#lib;
  }

  probe(): Promise<StoreProblem | undefined> {
    this.#probed ??= import("./check.js").then((c) => c.probeKeyring(this.service, this.env));
    return this.#probed;
  }

  async check({ used }: CheckScope) {
    const { keyringChecks } = await import("./check.js");
    return keyringChecks(this.service, this.env, used, await this.probe());
  }

  /** Every entry of the service whose name is a valid store key; the others are named once and skipped. */
  async all(): Promise<Map<string, string>> {
    const { values, skipped } = await this.#search();
    if (skipped.length > 0) {
      log.warn(
        `skipping ${skipped.length} entr${skipped.length > 1 ? "ies" : "y"} of keyring service "${this.service}" whose name is not a valid key name (another program wrote ${skipped.length > 1 ? "them" : "it"}): ${skipped.map(shownName).join(", ")}; remove ${skipped.length > 1 ? "them" : "it"} with the program that wrote ${skipped.length > 1 ? "them" : "it"} (or seahorse) if aim should not see ${skipped.length > 1 ? "them" : "it"}`,
      );
    }
    return values;
  }

  async list(): Promise<string[]> {
    return [...(await this.all()).keys()];
  }

  /** One D-Bus search of the whole service. Other programs share it: names are checked here. */
  async #search(): Promise<{ values: Map<string, string>; skipped: string[] }> {
    const lib = await this.#load();
    let found: Array<{ account: string; password: string }>;
    try {
      found = await lib.findCredentialsAsync(this.service);
    } catch (err) {
      throw keyringError(err);
    }
    const skipped = [...new Set(found.filter((c) => !isStoreKey(c.account)).map((c) => c.account))];
    const values = new Map<string, string>();
    const twice = new Set<string>();
    for (const c of found) {
      if (!isStoreKey(c.account)) continue;
      if (values.has(c.account)) twice.add(c.account);
      values.set(c.account, c.password);
    }
    if (twice.size > 0) {
      const { newestOf } = await import("./duplicates.js");
      for (const [k, v] of await newestOf(this.service, [...twice])) values.set(k, v);
    }
    return { values, skipped };
  }

  async resolve(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const direct = await this.#readDirect(keys);
    if (direct) return direct;
    if (fetchPlan(keys.length, heldEstimate(this.scope)) === "get") return this.#getEach(keys);
    // One D-Bus search returns the whole service: cheaper than a round trip per key.
    const all = (await this.#search()).values;
    return new Map(keys.flatMap((k) => (all.has(k) ? [[k, all.get(k) as string] as const] : [])));
  }

  /**
   * On Linux, the keys straight from the Secret Service over one D-Bus connection
   * (secret-read.ts); undefined when that path does not handle the case, and the keyring
   * library then reads them as before.
   */
  async #readDirect(keys: readonly string[]): Promise<Map<string, string> | undefined> {
    const uid = process.getuid?.();
    const address = process.platform === "linux" ? sessionBusAddress() : undefined;
    if (address === undefined || uid === undefined) return undefined;
    // As the library's path does: the command aim starts finds the same bus.
    adoptSessionBus();
    let got: Awaited<ReturnType<typeof readDirect>>;
    try {
      got = await readDirect(address, this.service, [...new Set(keys)], uid);
    } catch {
      got = { fallback: "it failed" };
    }
    if ("values" in got) {
      log.debug(`keyring: read ${keys.length} key(s) over D-Bus directly`);
      return got.values;
    }
    log.debug(`keyring: read through the keyring library (the direct read did not: ${got.fallback})`);
    return undefined;
  }

  async #getEach(keys: readonly string[]): Promise<Map<string, string>> {
    const lib = await this.#load();
    const got = await Promise.allSettled(keys.map((k) => new lib.AsyncEntry(this.service, k).getPassword()));
    const values = new Map<string, string>();
    // A key with two items (another program added one) is read as the search reads it: the newest.
    const twice: string[] = [];
    for (const [i, r] of got.entries()) {
      const key = keys[i] as string;
      if (r.status === "fulfilled") {
        if (r.value != null) values.set(key, r.value);
      } else if (isAmbiguous(r.reason)) twice.push(key);
      else throw keyringError(r.reason);
    }
    if (twice.length > 0) {
      const { newestOf } = await import("./duplicates.js");
      for (const [k, v] of await newestOf(this.service, twice)) values.set(k, v);
    }
    return values;
  }

  async set(key: string, value: string): Promise<void> {
    const lib = await this.#load();
    try {
      await new lib.AsyncEntry(this.service, key).setPassword(value);
    } catch (err) {
      // Two items: write the one every read takes, so the value set is the value read.
      if (!isAmbiguous(err)) throw keyringError(err);
      await (await import("./duplicates.js")).setNewest(this.service, key, value);
    }
  }

  async delete(key: string): Promise<boolean> {
    const lib = await this.#load();
    try {
      return await new lib.AsyncEntry(this.service, key).deletePassword();
    } catch (err) {
      // Two items: deleting one would leave the key readable; the key goes, both items.
      if (!isAmbiguous(err)) throw keyringError(err);
      return (await import("./duplicates.js")).deleteAll(this.service, key);
    }
  }
}
