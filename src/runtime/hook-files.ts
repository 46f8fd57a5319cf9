import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "./paths.js";

// The shell side of the hook cannot read a time stamp without starting a process, but
// every shell's `test` compares two files' modification times (-nt, in nanoseconds). So
// aim keeps two empty files: a marker per shell, touched on every hook-env run, and one
// reload stamp that `aim allow`, `deny`, `reload` and `secrets set/delete` touch. The
// hook asks aim again when the stamp or the governing .aimrc is newer than its marker.

const hookDir = (): string => join(dataDir(), "hook");
export const reloadStamp = (): string => join(hookDir(), "reload");
const STALE_MS = 7 * 24 * 3600 * 1000;

const touch = (path: string): void => {
  mkdirSync(hookDir(), { recursive: true, mode: 0o700 });
  // Truncating an empty file still sets its mtime to the kernel's "now", the same clock
  // that stamps the user's edits, so -nt compares like with like.
  writeFileSync(path, "");
};

/** Tells every shell with the hook to ask aim again at its next prompt. */
export function touchReload(): void {
  touch(reloadStamp());
}

/** Files the shell side compares with -nt; see shell/aim.bash. */
export interface HookPaths {
  marker: string;
  stamp: string;
}

/** Touches the calling shell's marker and makes sure the stamp exists (as old, so it is
 * not newer than any marker until someone touches it). */
export function prepareHookFiles(shellPid: string): HookPaths {
  const marker = join(hookDir(), `shell-${/^\d+$/.test(shellPid) ? shellPid : "unknown"}`);
  const stamp = reloadStamp();
  let fresh = false;
  try {
    statSync(marker);
  } catch {
    fresh = true;
  }
  touch(marker);
  try {
    statSync(stamp);
  } catch {
    writeFileSync(stamp, "");
    utimesSync(stamp, 0, 0);
  }
  if (fresh) pruneMarkers();
  return { marker, stamp };
}

// A marker whose shell is gone lingers; a live shell whose marker is removed just asks
// aim once more and gets a new one. So markers untouched for a week go, on a shell's first run.
function pruneMarkers(): void {
  const now = Date.now();
  for (const name of readdirSync(hookDir())) {
    if (!name.startsWith("shell-")) continue;
    const path = join(hookDir(), name);
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Another shell pruned it first.
    }
  }
}
