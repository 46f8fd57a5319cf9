import { dirname } from "node:path";
import { DEFAULT_PROFILE, readStoreKey } from "../core/names.js";
import { formatReference, SCHEME_NAMES } from "../core/reference.js";
import { AimError } from "../errors.js";
import { loadProject } from "../project/project.js";
import { openContext } from "../store/context.js";
import { groupReferences } from "../store/resolve.js";

/** One stored value to look for, named as findings name it. */
export interface ScanValue {
  /** The bare NAME (store keys), or the reference (`team:NAME`, `pass:PATH`). */
  key: string;
  /** The store key's profile, "default" for the default one; the scheme for a provider's value. */
  profile: string;
  value: string;
}

/** What aim found to look for, and the sources it could not read (sentences, no values). */
export interface ScanValues {
  values: ScanValue[];
  problems: string[];
}

/**
 * Every value aim holds, read once: the whole store (keyring or vault, every profile) in one
 * batch through its provider, and, when the governing .aimrc is trusted, its team file's
 * values and the `pass:` values it references. `profile` keeps only that profile's store keys.
 */
export async function readValues(cwd: string, profile?: string, env: NodeJS.ProcessEnv = process.env): Promise<ScanValues> {
  const values: ScanValue[] = [];
  const problems: string[] = [];
  // The trusted project first: its folder is where the team file is read, by the same
  // context (one per command) that reads the store.
  const project = profile === undefined ? await loadProject(cwd, {}).catch(() => undefined) : undefined;
  const trusted = project?.file && project.trust === "allowed" ? project : undefined;
  const projectDir = trusted?.file ? dirname(trusted.file.filepath) : undefined;
  const ctx = openContext({ env, projectDir });
  for (const [text, value] of await (await ctx.store()).all()) {
    const key = readStoreKey(text);
    if (!key) continue; // another program's entry: the store already warns about it
    const p = key.profile ?? DEFAULT_PROFILE;
    if (profile === undefined || p === profile) values.push({ key: key.name, profile: p, value });
  }
  if (!trusted || projectDir === undefined) return { values, problems };
  // Each scheme through its provider: one that can list what it holds is searched whole (the
  // team file), the others for the paths the project names (pass:).
  const named = groupReferences(Object.values(trusted.plan.refs));
  const reads = SCHEME_NAMES.map(async (scheme) => {
    const provider = await ctx.provider(scheme);
    const paths = [...(named.get(scheme)?.keys() ?? [])];
    const found = provider.all ? await provider.all() : paths.length > 0 ? await provider.resolve(paths) : new Map<string, string>();
    for (const [path, value] of found) values.push({ key: formatReference({ scheme, path }), profile: scheme, value });
  });
  for (const r of await Promise.allSettled(reads)) {
    if (r.status === "rejected") {
      if (!(r.reason instanceof AimError)) throw r.reason;
      problems.push(r.reason.message);
    }
  }
  return { values, problems };
}
