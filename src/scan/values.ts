import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { DEFAULT_PROFILE, readStoreKey } from "../core/names.js";
import { parseReference } from "../core/reference.js";
import { AimError } from "../errors.js";
import { loadProject } from "../project/project.js";
import { openContext } from "../store/context.js";

/** One stored value to look for, named as findings name it. */
export interface ScanValue {
  /** The bare NAME (store keys), or the reference (`team:NAME`, `pass:PATH`). */
  key: string;
  /** The store key's profile, "default" for the default one; "team" or "pass" for those sources. */
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
  const passPaths = Object.values(trusted.plan.refs).flatMap((r) => {
    const ref = parseReference(r);
    return ref.scheme === "pass" ? [ref.path] : [];
  });
  const reads: Array<Promise<void>> = [];
  if (existsSync(join(projectDir, ".aim", "team.age"))) {
    reads.push(
      (async () => {
        const team = await ctx.provider("team");
        for (const [name, value] of (await team.all?.()) ?? []) values.push({ key: `team:${name}`, profile: "team", value });
      })(),
    );
  }
  if (passPaths.length > 0) {
    reads.push(
      (async () => {
        const pass = await ctx.provider("pass");
        for (const [path, value] of await pass.resolve(passPaths)) values.push({ key: `pass:${path}`, profile: "pass", value });
      })(),
    );
  }
  for (const r of await Promise.allSettled(reads)) {
    if (r.status === "rejected") {
      if (!(r.reason instanceof AimError)) throw r.reason;
      problems.push(r.reason.message);
    }
  }
  return { values, problems };
}
