import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Where a project file may sit in each folder, in the order aim looks. shell/aim.* walk
 * the same list; keep them in step. */
export const SEARCH_PLACES = [".aimrc", ".aimrc.json", ".aimrc.yaml", ".aimrc.yml", "package.json"];

/**
 * The nearest search place that exists at or above `dir`, without reading it. The hook
 * uses it to skip the config loader where no project file can govern, and to know which
 * file to watch when the governing one is broken. Kept apart from config.ts so that it
 * costs no cosmiconfig import.
 */
export function nearestCandidate(dir: string): string | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const hit = SEARCH_PLACES.map((name) => join(d, name)).find((f) => existsSync(f));
    if (hit) return hit;
    if (dirname(d) === d) return null;
  }
}
