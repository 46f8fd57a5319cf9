import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
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

const touch = (path: string, text = ""): void => {
  mkdirSync(hookDir(), { recursive: true, mode: 0o700 });
  // Truncating an empty file still sets its mtime to the kernel's "now", the same clock
  // that stamps the user's edits, so -nt compares like with like.
  writeFileSync(path, text);
};

// The marker also holds the shell's id, a random token that the hook's state carries: a
// state whose id is not the one in this shell's marker was not written for this shell
// (forged, or inherited from the shell that started this one), so it names nothing that
// this shell's hook exported.
const ID = /^[0-9a-f]{32}$/;

/** What the hook needs from its files: the marker, the stamp, and the shell's id before and after this run. */
export interface ShellFiles extends HookPaths {
  /** The id this shell's marker held before this run; null for a shell aim has not seen. */
  previousId: string | null;
  /** The id the marker holds now: the previous one, or a new one. */
  id: string;
}

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
export function prepareHookFiles(shellPid: string): ShellFiles {
  const marker = join(hookDir(), `shell-${/^\d+$/.test(shellPid) ? shellPid : "unknown"}`);
  const stamp = reloadStamp();
  let fresh = false;
  let previousId: string | null = null;
  try {
    const text = readFileSync(marker, "utf8");
    previousId = ID.test(text) ? text : null;
  } catch {
    fresh = true;
  }
  // node:crypto only for a new shell's first id: loading it (OpenSSL's start-up) would cost
  // every later cd about a quarter of `node -e 0` (bench/README.md, "Keyring path").
  const id = previousId ?? process.getBuiltinModule("node:crypto").randomBytes(16).toString("hex");
  touch(marker, id);
  try {
    statSync(stamp);
  } catch {
    writeFileSync(stamp, "");
    utimesSync(stamp, 0, 0);
  }
  if (fresh) pruneMarkers();
  return { marker, stamp, previousId, id };
}

/** Whether the process `pid` (a marker's shell) still runs: its marker, and id, stay. */
function alive(pid: string): boolean {
  if (!/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

// A marker whose shell is gone lingers; a live shell whose marker is removed just asks
// aim once more and gets a new one. So markers untouched for a week go, on a shell's first run.
function pruneMarkers(): void {
  const now = Date.now();
  for (const name of readdirSync(hookDir())) {
    if (!name.startsWith("shell-") || alive(name.slice(6))) continue;
    const path = join(hookDir(), name);
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Another shell pruned it first.
    }
  }
}
