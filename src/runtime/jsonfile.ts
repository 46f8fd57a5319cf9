import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { AimError } from "../errors.js";

/** Reads a JSON document, or `fallback` when the file does not exist yet. */
export function readJson<T>(path: string, fallback: T): T {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw new AimError("IO", `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    // Never overwrite a file we cannot parse: the user may want what is in it.
    throw new AimError("IO", `${path} is not valid JSON`, {
      hint: `move it aside (mv '${path}' '${path}.bad') and run the command again`,
      cause: err,
    });
  }
}

/**
 * Runs `fn` holding an exclusive lock on `path` (a `path.lock` folder, stale after 10 s so
 * that a killed aim does not block the next one for ever).
 */
export async function withLock<R>(path: string, fn: () => Promise<R>): Promise<R> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Loaded only to write: proper-lockfile installs exit handlers that read paths never need.
  const { default: lockfile } = await import("proper-lockfile");
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 100, randomize: true },
    });
  } catch (err) {
    throw new AimError("IO", `cannot lock ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Writes by temp file in the same folder, fsync and rename: a crash leaves old or new, never half. */
export async function writeAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const { default: writeFileAtomic } = await import("write-file-atomic");
  await writeFileAtomic(path, typeof data === "string" ? data : Buffer.from(data), { mode, fsync: true });
}

/**
 * Read-modify-write under an exclusive lock, written by temp file, fsync and rename, so
 * that concurrent aim processes never lose each other's updates and a crash never leaves
 * a half-written file.
 */
export function updateJson<T>(path: string, fallback: T, change: (doc: T) => T | undefined): Promise<T> {
  return withLock(path, async () => {
    const doc = readJson(path, fallback);
    const next = change(doc) ?? doc;
    await writeAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  });
}
