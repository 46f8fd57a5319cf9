import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ancestors, SEARCH_PLACES } from "../core/discover.js";

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // EACCES, ENOTDIR: cosmiconfig skips such places too
  }
}

/**
 * The files that may govern `cwd`, nearest first: a stat walk that reads nothing, so that
 * a folder with no project file costs a few stat calls and loads no parser at all.
 */
export function* candidateFiles(cwd: string): Generator<string> {
  for (const dir of ancestors(resolve(cwd), dirname)) {
    for (const name of SEARCH_PLACES) {
      const path = join(dir, name);
      if (isFile(path)) yield path;
    }
  }
}
