import { join } from "node:path";
import { type MetadataDoc, type ScopeRecords, scopeRecords, upgradeMetadata } from "./metadata-records.js";
import { validate_secrets } from "../generated/data-validators.js";
import { type DataFile, readJson, updateJson } from "../runtime/jsonfile.js";
import { dataDir } from "../runtime/paths.js";

export const metadataPath = (env: NodeJS.ProcessEnv = process.env): string => join(dataDir(env), "secrets.json");

const SECRETS: DataFile = {
  validate: validate_secrets,
  rebuiltBy: "aim secrets set (of any key)",
  loses: "the descriptions and times of the other keys; their values stay in the store",
};

/** The whole file, in the current version; `scope` is where version-1 records go (see upgradeMetadata). */
export const readMetadata = (scope: string, env?: NodeJS.ProcessEnv): MetadataDoc =>
  upgradeMetadata(readJson<unknown>(metadataPath(env), null, SECRETS), scope);

/** The records of one store (a keyring service or a vault). */
export const readScope = (scope: string, env?: NodeJS.ProcessEnv): ScopeRecords => scopeRecords(readMetadata(scope, env), scope);

/**
 * Read-modify-write under the file's lock, by temp file and rename: an older file is
 * upgraded in place with the change, atomically, or not at all. A damaged file is moved
 * aside and rebuilt (set, import and delete own it).
 */
export const updateMetadata = (scope: string, change: (doc: MetadataDoc) => MetadataDoc, env?: NodeJS.ProcessEnv): Promise<MetadataDoc> =>
  updateJson<unknown>(metadataPath(env), null, (raw) => change(upgradeMetadata(raw, scope)), SECRETS, true) as Promise<MetadataDoc>;
