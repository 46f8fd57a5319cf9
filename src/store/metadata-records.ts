// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import { isStoreKey } from "../core/names.js";

/** Non-sensitive facts about one secret. Never holds its value. */
export interface SecretMeta {
  description?: string;
  created: string;
  updated: string;
  /** Which store holds the value: how aim knows a key is there when that store cannot be reached. */
  store?: "keyring" | "file";
}

/** Records by store key, for one store. */
export type ScopeRecords = Record<string, SecretMeta>;

/**
 * secrets.json. A record belongs to one store key in one store (a keyring service, or a
 * vault), named by the store's scope (`keyring:aim`, `file:/path/vault.age`): `work/X` and
 * `X` never share a record, nor do two services (DESIGN "Profiles and references").
 */
export interface MetadataDoc {
  version: 2;
  stores: Record<string, ScopeRecords>;
}

export const emptyMetadata = (): MetadataDoc => ({ version: 2, stores: {} });

const isMeta = (m: unknown): m is SecretMeta => {
  const r = m as Record<string, unknown> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.created === "string" &&
    typeof r.updated === "string" &&
    (r.description === undefined || typeof r.description === "string") &&
    (r.store === undefined || r.store === "keyring" || r.store === "file")
  );
};

/** Only well-formed records under valid store keys: the file is data, and may be damaged. */
function cleanRecords(raw: unknown): ScopeRecords {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const out: ScopeRecords = {};
  for (const [key, meta] of Object.entries(raw)) if (isStoreKey(key) && isMeta(meta)) out[key] = { ...meta };
  return out;
}

/**
 * Reads any version of the file. Version 1 kept one record per NAME for every store at
 * once: its records are taken to be those of `scope`, the store of the command that meets
 * it first (for nearly everyone the only store they ever had); the next write saves version 2.
 */
export function upgradeMetadata(raw: unknown, scope: string): MetadataDoc {
  const doc = raw as { version?: unknown; stores?: unknown; secrets?: unknown } | null;
  if (typeof doc !== "object" || doc === null) return emptyMetadata();
  if (doc.version === 1 || (doc.version === undefined && doc.secrets !== undefined)) {
    return { version: 2, stores: { [scope]: cleanRecords(doc.secrets) } };
  }
  const stores: Record<string, ScopeRecords> = {};
  if (typeof doc.stores === "object" && doc.stores !== null) {
    for (const [s, records] of Object.entries(doc.stores)) stores[s] = cleanRecords(records);
  }
  return { version: 2, stores };
}

/** Keyed by store keys (names from outside): a null-prototype copy, so `constructor` finds no record. */
export const scopeRecords = (doc: MetadataDoc, scope: string): ScopeRecords =>
  Object.assign(Object.create(null), Object.hasOwn(doc.stores, scope) ? doc.stores[scope] : undefined);

const withScope = (doc: MetadataDoc, scope: string, records: ScopeRecords): MetadataDoc => ({
  ...doc,
  stores: { ...doc.stores, [scope]: records },
});

/** Records that `key` was stored at `now`: keeps `created`, keeps the description unless a new one is given. */
export function touchMeta(
  doc: MetadataDoc,
  scope: string,
  key: string,
  now: string,
  description?: string,
  store?: SecretMeta["store"],
): MetadataDoc {
  const records = scopeRecords(doc, scope);
  const prev = records[key];
  const next: SecretMeta = { created: prev?.created ?? now, updated: now };
  if (store ?? prev?.store) next.store = store ?? prev?.store;
  const desc = description ?? prev?.description;
  if (desc !== undefined && desc !== "") next.description = desc;
  return withScope(doc, scope, { ...records, [key]: next });
}

export function dropMeta(doc: MetadataDoc, scope: string, key: string): MetadataDoc {
  const { [key]: _gone, ...rest } = scopeRecords(doc, scope);
  return withScope(doc, scope, rest);
}

/** Moves the records of `keys` from one store to another (aim secrets migrate), keeping them as they are. */
export function moveMeta(doc: MetadataDoc, from: string, to: string, keys: readonly string[], store?: SecretMeta["store"]): MetadataDoc {
  const source = { ...scopeRecords(doc, from) };
  const target = { ...scopeRecords(doc, to) };
  for (const k of keys) {
    const rec = source[k];
    if (rec) target[k] = store ? { ...rec, store } : rec;
    delete source[k];
  }
  return withScope(withScope(doc, from, source), to, target);
}
