import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { readJson, updateJson } from "./jsonfile.js";
import { dataDir } from "./paths.js";

export type TrustState = "allowed" | "denied" | "changed" | "unknown";

interface TrustDoc {
  version: 1;
  allowed: Record<string, { sha256: string; at: string }>;
  denied: Record<string, { at: string }>;
}

const empty = (): TrustDoc => ({ version: 1, allowed: {}, denied: {} });
const trustPath = (): string => join(dataDir(), "trust.json");

export interface Fingerprint {
  /** The file's real location. The folder is resolved, the name is not: a symlinked .aimrc
   * in another project is another project, even when it points at a trusted file. */
  path: string;
  sha256: string;
}

/** For package.json only the "aim" field counts, so editing scripts does not revoke trust. */
export function fingerprint(filepath: string, config?: unknown): Fingerprint {
  const path = join(realpathSync(dirname(filepath)), basename(filepath));
  const body = basename(filepath) === "package.json" ? `package.json#aim\n${JSON.stringify(config)}` : readFileSync(filepath);
  return { path, sha256: createHash("sha256").update(body).digest("hex") };
}

export function trustState(fp: Fingerprint): TrustState {
  const doc = readJson(trustPath(), empty());
  if (doc.denied[fp.path]) return "denied";
  const rec = doc.allowed[fp.path];
  if (!rec) return "unknown";
  return rec.sha256 === fp.sha256 ? "allowed" : "changed";
}

export async function allow(fp: Fingerprint): Promise<void> {
  await updateJson(trustPath(), empty(), (doc) => {
    delete doc.denied[fp.path];
    doc.allowed[fp.path] = { sha256: fp.sha256, at: new Date().toISOString() };
  });
}

export async function deny(fp: Fingerprint): Promise<void> {
  await updateJson(trustPath(), empty(), (doc) => {
    delete doc.allowed[fp.path];
    doc.denied[fp.path] = { at: new Date().toISOString() };
  });
}

/** True when someone other than the owner may rewrite the file (group/world-writable). */
export function writableByOthers(filepath: string): boolean {
  return (statSync(filepath).mode & 0o022) !== 0;
}
