import { join } from "node:path";
import { type MetadataDoc, emptyMetadata } from "../core/metadata.js";
import { validate_secrets } from "../generated/data-validators.js";
import { type DataFile, readJson, updateJson } from "../runtime/jsonfile.js";
import { dataDir } from "../runtime/paths.js";

export const metadataPath = (env: NodeJS.ProcessEnv = process.env): string => join(dataDir(env), "secrets.json");

const SECRETS: DataFile = {
  validate: validate_secrets,
  rebuiltBy: "aim secrets set (of any key)",
  loses: "the descriptions and times of the other keys; their values stay in the store",
};

export const readMetadata = (env?: NodeJS.ProcessEnv): MetadataDoc => readJson(metadataPath(env), emptyMetadata(), SECRETS);

/** Changes the metadata; a damaged file is moved aside and rebuilt (set, import and delete own it). */
export const updateMetadata = (change: (doc: MetadataDoc) => MetadataDoc, env?: NodeJS.ProcessEnv): Promise<MetadataDoc> =>
  updateJson(metadataPath(env), emptyMetadata(), change, SECRETS, true);
