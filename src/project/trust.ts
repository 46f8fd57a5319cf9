import { realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ProjectFile } from "../core/config.js";
import { sha256Hex } from "../core/digest.js";
import { SCHEMA_DIGEST } from "../generated/schema-digest.js";
import { validate_trust } from "../generated/data-validators.js";
import { type DataFile, readJson, updateJson } from "../runtime/jsonfile.js";
import { dataDir } from "../runtime/paths.js";
import { readCapped } from "./read-capped.js";

export type TrustState = "allowed" | "denied" | "changed" | "unknown";

/** What aim read from the file when it was allowed: key names only, never a value. */
interface Parsed {
  schema: string;
  config: ProjectFile;
}

interface TrustDoc {
  version: 1;
  allowed: Record<string, { sha256: string; at: string; parsed?: Parsed }>;
  denied: Record<string, { at: string }>;
}

const empty = (): TrustDoc => ({ version: 1, allowed: {}, denied: {} });
const trustPath = (): string => join(dataDir(), "trust.json");
const TRUST: DataFile = {
  validate: validate_trust,
  rebuiltBy: "aim allow (in the project to trust)",
  loses: "every other project then needs aim allow once more",
};

export interface Fingerprint {
  /** The file's real location. The folder is resolved, the name is not: a symlinked .aimrc
   * in another project is another project, even when it points at a trusted file. */
  path: string;
  sha256: string;
}

/**
 * For package.json only the "aim" field counts, so editing scripts does not revoke trust.
 * `sha256` is the digest of the bytes the config was parsed from, when the caller has it: a
 * second read could see other bytes (a file rewritten in between) than the keys came from.
 */
export function fingerprint(filepath: string, config?: unknown, sha256?: string): Fingerprint {
  const path = join(realpathSync(dirname(filepath)), basename(filepath));
  if (basename(filepath) === "package.json") {
    return { path, sha256: sha256Hex(`package.json#aim\n${JSON.stringify(config)}`) };
  }
  return { path, sha256: sha256 ?? sha256Hex(readCapped(filepath)) };
}

export function trustState(fp: Fingerprint): TrustState {
  const doc = readJson(trustPath(), empty(), TRUST);
  if (doc.denied[fp.path]) return "denied";
  const rec = doc.allowed[fp.path];
  if (!rec) return "unknown";
  return rec.sha256 === fp.sha256 ? "allowed" : "changed";
}

/**
 * The config recorded when these exact bytes were allowed, under the same schemas: then
 * aim need not load a parser at all (the YAML and JSON parsers are most of what a trusted
 * project costs at start-up). package.json is not covered: its fingerprint is of the
 * parsed "aim" field, so it must be parsed first (JSON.parse, cheap). Found, it is allowed:
 * its fingerprint is returned, so that aim reads neither the file nor the records twice.
 */
export function recordedConfig(filepath: string): { config: ProjectFile; sha256: string; fingerprint: Fingerprint } | undefined {
  if (basename(filepath) === "package.json") return undefined;
  let fp: Fingerprint;
  try {
    fp = fingerprint(filepath);
  } catch {
    return undefined; // unreadable: the parser path reports it properly
  }
  let doc: TrustDoc;
  try {
    doc = readJson(trustPath(), empty(), TRUST);
  } catch {
    return undefined; // damaged: trustState says so, and aim allow rebuilds it
  }
  const rec = doc.allowed[fp.path];
  if (doc.denied[fp.path] || rec?.sha256 !== fp.sha256 || rec.parsed?.schema !== SCHEMA_DIGEST) return undefined;
  // The digest and the verdict travel with it: loadProject need not read the file or the records again.
  return { config: rec.parsed.config, sha256: fp.sha256, fingerprint: fp };
}

export async function allow(fp: Fingerprint, config?: ProjectFile): Promise<void> {
  const parsed = config && { schema: SCHEMA_DIGEST, config: { ...config } };
  await updateJson(
    trustPath(),
    empty(),
    (doc) => {
      delete doc.denied[fp.path];
      doc.allowed[fp.path] = { sha256: fp.sha256, at: new Date().toISOString(), ...(parsed ? { parsed } : {}) };
    },
    TRUST,
    true,
  );
}

export async function deny(fp: Fingerprint): Promise<void> {
  await updateJson(
    trustPath(),
    empty(),
    (doc) => {
      delete doc.allowed[fp.path];
      doc.denied[fp.path] = { at: new Date().toISOString() };
    },
    TRUST,
    true,
  );
}
