import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Found, GlobalFile, ProjectFile } from "../core/config.js";
import { mayHoldAimField } from "../core/discover.js";
import { configDir } from "../runtime/paths.js";
import { candidateFiles } from "./search-places.js";

/** Files a user may expect aim to read, which it ignores because they are code. */
export const CODE_CONFIGS = [".aimrc.js", ".aimrc.cjs", ".aimrc.mjs", ".aimrc.ts", "aim.config.js", "aim.config.mjs", "aim.config.cjs", "aim.config.ts"];

const readText = (path: string): string => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return ""; // unreadable: cosmiconfig passes over it too
  }
};

// Parsers and validators load with the first candidate file, never before. The validators
// come through config-load, which needs them too: imported from two places, they would be
// shared code, which the build puts in the runtime that every command loads.
const loader = () => import("./config-load.js");

/** The nearest project file at or above `cwd`, validated; null when there is none. */
export async function findProjectConfig(cwd = process.cwd()): Promise<Found<ProjectFile> | null> {
  for (const filepath of candidateFiles(cwd)) {
    // Most JavaScript folders have a package.json of their own: pass over one that cannot
    // hold an "aim" field before loading anything.
    if (basename(filepath) === "package.json") {
      if (!mayHoldAimField(readText(filepath))) continue;
    } else {
      // A file allowed with these exact bytes was parsed and validated then: reuse that.
      const recorded = (await import("./trust.js")).recordedConfig(filepath);
      if (recorded) return { filepath, config: recorded };
    }
    const { loadConfigFile, validate_aimrc } = await loader();
    const found = await loadConfigFile<ProjectFile>(filepath, validate_aimrc);
    if (found) return found;
  }
  return null;
}

/** The user's global config from $AIM_CONFIG_DIR, validated; null when there is none. */
export async function loadGlobalConfig(): Promise<Found<GlobalFile> | null> {
  const dir = configDir();
  const file = ["config.json", "config.yaml", "config.yml"].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return null;
  const { loadConfigFile, validate_config } = await loader();
  return loadConfigFile<GlobalFile>(file, validate_config);
}

/** Code-style config files in the folders from `cwd` up to `stop`: aim ignores them, status says so. */
export function ignoredCodeConfigs(cwd: string, stop?: string): string[] {
  const found: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CODE_CONFIGS) if (existsSync(join(dir, name))) found.push(join(dir, name));
    if (dir === stop || dirname(dir) === dir) return found;
  }
}
