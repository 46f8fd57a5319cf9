import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { AimError } from "../errors.js";

// Past this, a lock whose holder cannot be checked (no owner record, another host) is stale.
const STALE_MS = 10_000;
const UNRECORDED_MS = 2_000;
const WAIT_MS = 20_000;

interface Owner {
  pid: number;
  host: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for the holder. */
  start?: string;
}

/** A process's start time in clock ticks since boot (Linux; undefined elsewhere or when it is gone): a pid with another start time is another process. */
export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

const me = (): Owner => ({ pid: process.pid, host: hostname(), start: startTime(process.pid) });

function readOwner(lockDir: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(join(lockDir, "owner"), "utf8")) as Owner;
    return Number.isInteger(o.pid) && typeof o.host === "string" ? o : undefined;
  } catch {
    return undefined;
  }
}

/** True when the recorded holder is certainly gone: no such process, or another one under its pid. */
function holderGone(o: Owner): boolean | undefined {
  if (o.host !== hostname()) return undefined;
  try {
    process.kill(o.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return true;
  }
  const now = startTime(o.pid);
  return o.start !== undefined && now !== undefined && now !== o.start;
}

/**
 * Removes a lock left by a process that died holding it (kill -9, a crash, a power cut), at
 * once rather than after the staleness timeout. The lock folder is first renamed to a name
 * of this process's own, so that of several waiters exactly one removes it; one that turns
 * out to be another (newer) lock is put back. True when the caller should try again now.
 */
function claimIfDead(lockDir: string): boolean {
  let st;
  try {
    st = statSync(lockDir);
  } catch {
    return true; // released meanwhile
  }
  const owner = readOwner(lockDir);
  // A holder writes its record a moment after taking the lock: none after 2 s, it died in between.
  const age = Date.now() - st.mtimeMs;
  const gone = owner ? (holderGone(owner) ?? age > STALE_MS) : age > UNRECORDED_MS;
  if (!gone) return false;
  const claimed = `${lockDir}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(lockDir, claimed);
  } catch {
    return true; // another waiter claimed it
  }
  if (statSync(claimed).ino !== st.ino) {
    try {
      renameSync(claimed, lockDir);
    } catch {}
    return false;
  }
  rmSync(claimed, { recursive: true, force: true });
  return true;
}

/**
 * Temp files only a writer holding this lock makes (write-file-atomic's `NAME.<number>`, of
 * the file and of its .bak), and stale lock claims: under the lock, any left are from a
 * process that died, so they go.
 */
function cleanLeftovers(path: string): void {
  const base = basename(path).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const left = new RegExp(`^${base}(?:\\.bak)?\\.\\d+$|^${base}\\.lock\\.stale-`);
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) if (left.test(name)) rmSync(join(dirname(path), name), { recursive: true, force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` holding an exclusive lock on `path` (a `path.lock` folder with an owner record).
 * A lock whose holder died is taken over at once; a live holder is waited for up to 20 s.
 */
export async function withLock<R>(path: string, fn: () => Promise<R>): Promise<R> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Loaded only to write: proper-lockfile installs exit handlers that read paths never need.
  const { default: lockfile } = await import("proper-lockfile");
  const lockDir = `${path}.lock`;
  const until = Date.now() + WAIT_MS;
  let release: (() => Promise<void>) | undefined;
  for (let wait = 5; release === undefined; wait = Math.min(wait * 1.5, 100)) {
    try {
      // stale is ours to judge (claimIfDead); proper-lockfile only keeps the folder's time fresh.
      release = await lockfile.lock(path, { realpath: false, stale: 24 * 3600_000, update: 2_000, retries: 0, onCompromised: () => {} });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ELOCKED") {
        throw new AimError("IO", `cannot lock ${path}: ${(err as Error).message}`, { cause: err });
      }
      if (claimIfDead(lockDir)) continue;
      if (Date.now() > until) {
        const o = readOwner(lockDir);
        throw new AimError(
          "IO",
          `${path} is locked by another aim process${o ? ` (pid ${o.pid} on ${o.host})` : ""} that has held it for more than ${WAIT_MS / 1000} s; nothing was changed`,
          {
            hint: `run the command again once it has finished; if no aim is running, remove the lock: rm -r '${lockDir}'`,
          },
        );
      }
      await sleep(wait);
    }
  }
  // proper-lockfile takes a folder time it did not set for a lost lock: put it back after
  // each change to the folder's entries.
  const keepTime = (change: () => void) => {
    const { atime, mtime } = statSync(lockDir);
    change();
    utimesSync(lockDir, atime, mtime);
  };
  try {
    keepTime(() => writeFileSync(join(lockDir, "owner"), JSON.stringify(me()), { mode: 0o600 }));
    cleanLeftovers(path);
    return await fn();
  } finally {
    keepTime(() => rmSync(join(lockDir, "owner"), { force: true }));
    await release();
  }
}
