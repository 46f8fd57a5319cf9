import { dropMeta, type SecretMeta, touchMeta } from "../core/metadata.js";
import { AimError } from "../errors.js";
import { touchReload } from "../runtime/hook-files.js";
import { readMetadata, updateMetadata } from "./metadata.js";
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
  await updateMetadata((doc) => entries.reduce((d, [key]) => touchMeta(d, key, now, description), doc));
  touchReload(); // shells with the hook pick up the new value at their next prompt
  const keys = entries.map(([k]) => k);
  return { created: keys.filter((k) => !before.has(k)), updated: keys.filter((k) => before.has(k)) };
}

export async function deleteSecret(store: SecretStore, key: string): Promise<void> {
  const known = key in readMetadata().secrets;
  const deleted = await store.delete(key);
  if (!deleted && !known) {
    throw new AimError("NOT_FOUND", `no secret named ${key}`);
  }
  await updateMetadata((doc) => dropMeta(doc, key));
  touchReload();
}

export interface SecretRow extends Partial<SecretMeta> {
  name: string;
  /** Whether the store really holds a value (metadata can outlive a value deleted elsewhere). */
  present: boolean;
}

/** Every key the store or the metadata knows, sorted, without values. */
export async function listSecrets(store: SecretStore): Promise<SecretRow[]> {
  const values = await store.all();
  const meta = readMetadata().secrets;
  const names = [...new Set([...values.keys(), ...Object.keys(meta)])].sort();
  return names.map((name) => ({ name, ...meta[name], present: values.has(name) }));
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
