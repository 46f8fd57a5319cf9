import { dropMeta, type SecretMeta, touchMeta } from "../core/metadata.js";
import { DEFAULT_PROFILE, readStoreKey } from "../core/names.js";
import { AimError } from "../errors.js";
import { touchReload } from "../runtime/hook-files.js";
import { readScope, updateMetadata } from "./metadata.js";
import type { SecretStore } from "./store.js";

/** Stores values and records their metadata. Returns which keys existed before. */
export async function storeSecrets(
  store: SecretStore,
  entries: ReadonlyArray<readonly [string, string]>,
  description?: string,
): Promise<{ created: string[]; updated: string[] }> {
  const before = await store.getMany(entries.map(([k]) => k));
  for (const [key, value] of entries) await store.set(key, value);
  const now = new Date().toISOString();
  await updateMetadata(store.scope, (doc) => entries.reduce((d, [key]) => touchMeta(d, store.scope, key, now, description), doc));
  touchReload(); // shells with the hook pick up the new value at their next prompt
  const keys = entries.map(([k]) => k);
  return { created: keys.filter((k) => !before.has(k)), updated: keys.filter((k) => before.has(k)) };
}

export async function deleteSecret(store: SecretStore, key: string): Promise<void> {
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
}

/** Every key this store or its metadata knows, sorted by profile then name, without values. */
export async function listSecrets(store: SecretStore, profile?: string): Promise<SecretRow[]> {
  const values = await store.all();
  const meta = readScope(store.scope);
  const rows: SecretRow[] = [];
  for (const key of new Set([...values.keys(), ...Object.keys(meta)])) {
    const parsed = readStoreKey(key);
    if (!parsed) continue;
    const p = parsed.profile ?? DEFAULT_PROFILE;
    if (profile !== undefined && p !== profile) continue;
    rows.push({ key, profile: p, name: parsed.name, ...meta[key], present: values.has(key) });
  }
  // The default profile first, then the others by name.
  const rank = (r: SecretRow) => `${r.profile === DEFAULT_PROFILE ? "0" : "1"}${r.profile}\0${r.name}`;
  return rows.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

/** The values of `keys`; a missing one is an error naming it. */
export async function requireSecrets(store: SecretStore, keys: readonly string[]): Promise<Map<string, string>> {
  const found = await store.getMany(keys);
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length > 0) {
    throw new AimError("NOT_FOUND", `no secret named ${missing.join(", ")}`, {
      hint: `store it with: aim secrets set ${missing[0]}`,
    });
  }
  return found;
}
