import { dropMeta, type SecretMeta, touchMeta } from "./metadata-records.js";
import { DEFAULT_PROFILE, readStoreKey } from "../core/names.js";
import { AimError } from "../errors.js";
import { touchReload } from "../runtime/hook-files.js";
import { readMetadata, readScope, updateMetadata } from "./metadata.js";
import { storeFailedMidway } from "./partial.js";
import { keyringService } from "../runtime/paths.js";
import { formatReference, SCHEMES, type SchemeName } from "../core/reference.js";
import type { StoreContext } from "./context.js";
import type { StoreProvider } from "./provider.js";

/** The metadata, or undefined when it is damaged (the write that follows rebuilds it). Unreadable: throws. */
function metadataBeforeChange(scope: string) {
  try {
    return readMetadata(scope);
  } catch (err) {
    if (err instanceof AimError && err.code === "DATA_DAMAGED") return undefined;
    throw err;
  }
}

/** The metadata records of the OS keyring's service (empty when unreadable). */
function keyringRecords(): Record<string, SecretMeta> {
  try {
    return readScope(`keyring:${keyringService()}`);
  } catch {
    return {};
  }
}

/**
 * Keys that aim's metadata places in the OS keyring while this command could not reach it
 * (auto chose the vault): the error that says so, instead of "missing" and a fix that
 * would make a second copy in the vault.
 */
export function keyringOnlyError(store: StoreProvider, keys: readonly string[]): AimError | undefined {
  if (store.unreachable === undefined) return undefined;
  const meta = keyringRecords();
  // Records older than the `store` field name no store: a key aim stored that the vault
  // lacks (callers pass only keys the vault was just found not to hold) is in the keyring.
  const there = keys.filter((k) => meta[k] !== undefined && meta[k].store !== "file");
  if (there.length === 0) return undefined;
  return new AimError(
    "KEYRING_UNAVAILABLE",
    `${there.join(", ")} ${there.length > 1 ? "are" : "is"} in the OS keyring, which aim cannot reach now: ${store.unreachable}`,
    {
      hint: "run aim inside your desktop session (where DBUS_SESSION_BUS_ADDRESS is set), or start one: dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock; aim …'; aim doctor shows more",
    },
  );
}

/**
 * Stores values and records their metadata. Returns which keys existed before. A failure
 * changes nothing: values already written are put back; where that is impossible (the
 * store died), the error names exactly which keys were stored and which were not.
 */
export async function storeSecrets(
  store: StoreProvider,
  entries: ReadonlyArray<readonly [string, string]>,
  description?: string,
): Promise<{ created: string[]; updated: string[] }> {
  const keys = entries.map(([k]) => k);
  const meta = metadataBeforeChange(store.scope);
  const before = await store.resolve(keys);
  const elsewhere = keyringOnlyError(
    store,
    keys.filter((k) => !before.has(k)),
  );
  if (elsewhere) throw elsewhere;
  const stored: string[] = [];
  const record = (done: readonly string[]) => {
    const now = new Date().toISOString();
    return updateMetadata(store.scope, (doc) =>
      done.reduce((d, key) => touchMeta(d, store.scope, key, now, description, store.backend), doc),
    );
  };
  try {
    for (const [key, value] of entries) {
      await store.set(key, value);
      stored.push(key);
    }
    await record(keys);
  } catch (err) {
    throw await storeFailedMidway(store, err, keys, stored, before, () => record(stored), meta !== undefined);
  }
  touchReload(); // shells with the hook pick up the new value at their next prompt
  return { created: keys.filter((k) => !before.has(k)), updated: keys.filter((k) => before.has(k)) };
}

export async function deleteSecret(store: StoreProvider, key: string): Promise<void> {
  const known = key in readScope(store.scope);
  const deleted = await store.delete(key);
  if (!deleted && !known) {
    throw new AimError("NOT_FOUND", `no secret named ${key}`);
  }
  await updateMetadata(store.scope, (doc) => dropMeta(doc, store.scope, key));
  touchReload();
}

export interface SecretRow extends Partial<SecretMeta> {
  /** The store key: `NAME` or `PROFILE/NAME`. */
  key: string;
  /** The profile, "default" for a plain NAME. */
  profile: string;
  /** The variable name the key is exported as. */
  name: string;
  /** Whether the store really holds a value (metadata can outlive a value deleted elsewhere). */
  present: boolean;
  /** Set when the value is in the keyring, which this command could not reach. */
  unreachable?: true;
}

/** Every key this store or its metadata knows, sorted by profile then name, without values. */
export async function listSecrets(store: StoreProvider, profile?: string): Promise<SecretRow[]> {
  const values = await store.all();
  const meta = readScope(store.scope);
  // auto fell back to the vault: keys the keyring holds are listed as there but unreachable.
  const away = store.unreachable === undefined ? {} : keyringRecords();
  const rows: SecretRow[] = [];
  for (const key of new Set([...values.keys(), ...Object.keys(meta), ...Object.keys(away)])) {
    const parsed = readStoreKey(key);
    if (!parsed) continue;
    const p = parsed.profile ?? DEFAULT_PROFILE;
    if (profile !== undefined && p !== profile) continue;
    const unreachable = !values.has(key) && meta[key] === undefined && away[key] !== undefined;
    rows.push({
      key,
      profile: p,
      name: parsed.name,
      ...(meta[key] ?? away[key]),
      present: values.has(key),
      ...(unreachable ? { unreachable: true as const } : {}),
    });
  }
  // The default profile first, then the others by name.
  const rank = (r: SecretRow) => `${r.profile === DEFAULT_PROFILE ? "0" : "1"}${r.profile}\0${r.name}`;
  return rows.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

/** The values of `keys`; a missing one is an error naming it. */
export async function requireSecrets(store: StoreProvider, keys: readonly string[]): Promise<Map<string, string>> {
  const found = await store.resolve(keys);
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length > 0) {
    throw (
      keyringOnlyError(store, missing) ??
      new AimError("NOT_FOUND", `no secret named ${missing.join(", ")}`, {
        hint: `store it with: aim secrets set ${missing[0]}`,
      })
    );
  }
  return found;
}

/** A reference as `aim secrets get/set` name it: a store key, or a scheme's path (not yet checked). */
export type Target = { scheme: "store"; key: string } | { scheme: SchemeName; path: string };

/** The value behind one reference; a missing one is an error naming it and the command that adds it. */
export async function readTarget(ctx: StoreContext, target: Target): Promise<string> {
  if (target.scheme === "store") return (await requireSecrets(await ctx.store(), [target.key])).get(target.key) as string;
  const provider = await ctx.provider(target.scheme);
  const value = (await provider.resolve([target.path])).get(target.path);
  if (value !== undefined) return value;
  const text = formatReference(target);
  throw new AimError("NOT_FOUND", `${text} is not in ${provider.location}`, {
    hint: `add it with: ${provider.set ? `aim secrets set ${text}` : SCHEMES[target.scheme].fix(target.path)}`,
  });
}

/**
 * How to store one value under a reference (a store key with its metadata), checked before
 * any value is asked for: a provider that cannot write says so first. The writer returns
 * the sentence saying where the value went.
 */
export async function targetWriter(ctx: StoreContext, target: Target): Promise<(value: string, description?: string) => Promise<string>> {
  if (target.scheme === "store") {
    const store = await ctx.store();
    return async (value, description) => {
      const { created } = await storeSecrets(store, [[target.key, value]], description);
      return `${created.length ? "stored" : "updated"} ${target.key} in the ${store.location}`;
    };
  }
  const provider = await ctx.provider(target.scheme);
  const text = formatReference(target);
  const set = provider.set?.bind(provider);
  if (!set) {
    throw new AimError("USAGE", `aim secrets set cannot write ${text}`, {
      hint: `store it with: ${SCHEMES[target.scheme].fix(target.path)}`,
    });
  }
  return async (value) => {
    await set(target.path, value);
    return `stored ${text} in ${provider.location}`;
  };
}
