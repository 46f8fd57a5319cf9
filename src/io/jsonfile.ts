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
 * Read-modify-write under an exclusive lock, written by temp file, fsync and rename, so
 * that concurrent aim processes never lose each other's updates and a crash never leaves
 * a half-written file.
 */
export async function updateJson<T>(path: string, fallback: T, change: (doc: T) => T | void): Promise<T> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Loaded only to write: proper-lockfile installs exit handlers that read paths never need.
  const [{ default: lockfile }, { default: writeFileAtomic }] = await Promise.all([
    import("proper-lockfile"),
    import("write-file-atomic"),
  ]);
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
    const doc = readJson(path, fallback);
    const next = change(doc) ?? doc;
    await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, fsync: true });
    return next;
  } finally {
    await release();
  }
}
