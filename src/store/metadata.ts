import { join } from "node:path";
import { type MetadataDoc, emptyMetadata } from "../core/metadata.js";
import { readJson, updateJson } from "../runtime/jsonfile.js";
import { dataDir } from "../runtime/paths.js";

export const metadataPath = (env: NodeJS.ProcessEnv = process.env): string => join(dataDir(env), "secrets.json");

export const readMetadata = (env?: NodeJS.ProcessEnv): MetadataDoc => readJson(metadataPath(env), emptyMetadata());

export const updateMetadata = (change: (doc: MetadataDoc) => MetadataDoc, env?: NodeJS.ProcessEnv): Promise<MetadataDoc> =>
  updateJson(metadataPath(env), emptyMetadata(), change);
