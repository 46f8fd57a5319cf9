import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ancestors } from "./discover.js";
import { walkStart } from "./byte-paths.js";

/**
 * Where a project file may sit in each folder, in the order aim looks: cosmiconfig's
 * search order for the places aim accepts, data formats only. The shell hooks walk the
 * same list: scripts/gen-hooks.mjs writes it into each body at build time. Only a regular
 * file counts, here (isFile) and in the hooks (`-f`), so both skip a folder or FIFO.
 */
export const SEARCH_PLACES = [".aimrc", ".aimrc.json", ".aimrc.yaml", ".aimrc.yml", "package.json"] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // EACCES, ENOTDIR: cosmiconfig skips such places too
  }
}

/**
 * The files that may govern `dir`, nearest first: a stat walk that reads nothing, so that
 * a folder with no project file costs a few stat calls and loads no parser at all.
 */
export function* candidateFiles(dir: string): Generator<string> {
  for (const d of ancestors(walkStart(resolve(dir), SEARCH_PLACES), dirname)) {
    for (const name of SEARCH_PLACES) {
      const path = join(d, name);
      if (isFile(path)) yield path;
    }
  }
}

/**
 * The nearest search place that exists at or above `dir`, without reading it. The hook
 * uses it to skip the config loader where no project file can govern, and to know which
 * file to watch when the governing one is broken.
 */
export const nearestCandidate = (dir: string): string | null => candidateFiles(dir).next().value ?? null;
