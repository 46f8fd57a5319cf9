/** Non-sensitive facts about one secret. Never holds its value. */
export interface SecretMeta {
  description?: string;
  created: string;
  updated: string;
  /** Which store holds the value: how aim knows a key is there when that store cannot be reached. */
  store?: "keyring" | "file";
}

export interface MetadataDoc {
  version: 1;
  secrets: Record<string, SecretMeta>;
}

export const emptyMetadata = (): MetadataDoc => ({ version: 1, secrets: {} });

/** Records that `key` was stored at `now`: keeps `created`, keeps the description unless a new one is given. */
export function touchMeta(doc: MetadataDoc, key: string, now: string, description?: string, store?: SecretMeta["store"]): MetadataDoc {
  const prev = doc.secrets[key];
  const next: SecretMeta = { created: prev?.created ?? now, updated: now };
  if (store ?? prev?.store) next.store = store ?? prev?.store;
  const desc = description ?? prev?.description;
  if (desc !== undefined && desc !== "") next.description = desc;
  return { ...doc, secrets: { ...doc.secrets, [key]: next } };
}

export function dropMeta(doc: MetadataDoc, key: string): MetadataDoc {
  const { [key]: _gone, ...rest } = doc.secrets;
  return { ...doc, secrets: rest };
}
