import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Found, GlobalFile, ProjectFile } from "../core/config.js";
import { mayHoldAimField } from "./discover.js";
import { globalConfigFile } from "../store/backend-config.js";
import { AimError } from "../errors.js";
import { shownPath } from "../runtime/shown-path.js";
import { foreignReason, ignoredNote } from "./ownership.js";
import { readCapped } from "./read-capped.js";
import { candidateFiles, SEARCH_PLACES } from "./search-places.js";

/** Files a user may expect aim to read, which it ignores because they are code. */
export const CODE_CONFIGS = [
  ".aimrc.js",
  ".aimrc.cjs",
  ".aimrc.mjs",
  ".aimrc.ts",
  "aim.config.js",
  "aim.config.mjs",
  "aim.config.cjs",
  "aim.config.ts",
];

const readText = (path: string): string => {
  try {
    return readCapped(path).toString("utf8");
  } catch (err) {
    if (err instanceof AimError) throw err; // too large: say so rather than pass over it
    return ""; // unreadable: cosmiconfig passes over it too
  }
};

// Parsers and validators load with the first candidate file, never before. The validators
// come through config-load, which needs them too: imported from two places, they would be
// shared code, which the build puts in the runtime that every command loads.
const loader = () => import("./config-load.js");

export interface FindOptions {
  /** Receives a note for each project file passed over because another user owns or may rewrite it. */
  notes?: string[];
  /** Throw for such a file instead of passing over it (aim allow and deny: never act on the next one up). */
  refuseForeign?: "allow" | "deny";
}

/** The nearest project file at or above `cwd`, validated; null when there is none. */
export async function findProjectConfig(cwd = process.cwd(), opts: FindOptions = {}): Promise<Found<ProjectFile> | null> {
  for (const filepath of candidateFiles(cwd)) {
    // Most JavaScript folders have a package.json of their own: pass over one that cannot
    // hold an "aim" field before loading anything.
    const pkg = basename(filepath) === "package.json";
    if (pkg && !mayHoldAimField(readText(filepath))) continue;
    const foreign = foreignReason(filepath);
    if (foreign) {
      if (opts.refuseForeign) {
        const what =
          opts.refuseForeign === "allow" ? `refusing to trust ${shownPath(filepath)}` : `${shownPath(filepath)} is ignored already`;
        throw new AimError("UNTRUSTED", `${what}: ${foreign}`, {
          hint: "if it is yours, fix it first (chown, chmod go-w); else remove it; aim exec --keys works below it",
        });
      }
      opts.notes?.push(ignoredNote(shownPath(filepath), foreign));
      continue;
    }
    if (!pkg) {
      // A file allowed with these exact bytes was parsed and validated then: reuse that.
      const recorded = (await import("./trust.js")).recordedConfig(filepath);
      if (recorded) return { filepath, config: recorded.config, sha256: recorded.sha256, allowed: recorded.fingerprint };
    }
    const { loadConfigFile, validate_aimrc } = await loader();
    const found = await loadConfigFile<ProjectFile>(filepath, validate_aimrc, "project");
    if (found) return found;
  }
  return null;
}

/** The user's global config from $AIM_CONFIG_DIR, validated; null when there is none. */
export async function loadGlobalConfig(): Promise<Found<GlobalFile> | null> {
  const file = globalConfigFile();
  if (!file) return null;
  const { loadConfigFile, validate_config } = await loader();
  return loadConfigFile<GlobalFile>(file, validate_config, "global");
}

/** Code-style config files in the folders from `cwd` up to `stop`: aim ignores them, status says so. */
export function ignoredCodeConfigs(cwd: string, stop?: string): string[] {
  const found: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CODE_CONFIGS) if (existsSync(join(dir, name))) found.push(join(dir, name));
    if (dir === stop || dirname(dir) === dir) return found;
  }
}

const hasAimField = (path: string): boolean => {
  const text = readText(path);
  if (!mayHoldAimField(text)) return false;
  try {
    const doc = JSON.parse(text) as Record<string, unknown> | null;
    return doc?.aim !== undefined && doc.aim !== null;
  } catch {
    return false;
  }
};

/**
 * The other project files in the governing file's folder, which it shadows (they come
 * later in the search order): a package.json only when it has an "aim" field. aim status
 * names them, since a user may edit one and wonder why nothing changes.
 */
export function shadowedFiles(file: string): string[] {
  const dir = dirname(file);
  const later = SEARCH_PLACES.slice(SEARCH_PLACES.indexOf(basename(file) as (typeof SEARCH_PLACES)[number]) + 1);
  return later
    .map((name) => join(dir, name))
    .filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile() && (basename(p) !== "package.json" || hasAimField(p)));
}
