import { readFileSync, renameSync } from "node:fs";
import { AimError } from "../errors.js";
import { log } from "./log.js";

/** What aim's own data file must look like, and who rebuilds it when it does not. */
export interface DataFile {
  /** A generated schema validator (src/schemas/data/). */
  validate: ((doc: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
  /** The command that rebuilds the file, in the error's fix: "aim allow". */
  rebuiltBy: string;
  /** What is lost when it is rebuilt, said when it happens. */
  loses: string;
}

const damaged = (path: string, why: string, kind: DataFile | undefined, cause?: unknown): AimError =>
  new AimError("DATA_DAMAGED", `${path} is damaged (${why})`, {
    hint: kind
      ? `run ${kind.rebuiltBy} to rebuild it (it moves the damaged file aside first; ${kind.loses}), or restore a good copy`
      : `move it aside (mv '${path}' '${path}.bad') and run the command again`,
    cause,
  });

/** Reads a JSON document, or `fallback` when the file does not exist yet. With `kind`, it must match its schema. */
export function readJson<T>(path: string, fallback: T, kind?: DataFile): T {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw new AimError("IO", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: "make it a readable file of yours, or move it aside",
      cause: err,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // Never overwrite a file we cannot parse: the user may want what is in it.
    throw damaged(path, "not valid JSON", kind, err);
  }
  if (kind && !kind.validate(doc)) {
    const e = kind.validate.errors?.[0];
    throw damaged(path, e ? `${e.instancePath || "top level"}: ${e.message ?? "invalid"}` : "not what aim wrote", kind);
  }
  return doc as T;
}

/** Runs `fn` holding the exclusive lock on `path` (see lock.ts); the lock's code loads only to write. */
export async function withLock<R>(path: string, fn: () => Promise<R>): Promise<R> {
  return (await import("./lock.js")).withLock(path, fn);
}

/** Writes by temp file in the same folder, fsync and rename: a crash leaves old or new, never half. */
export async function writeAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const { default: writeFileAtomic } = await import("write-file-atomic");
  await writeFileAtomic(path, typeof data === "string" ? data : Buffer.from(data), { mode, fsync: true });
}

/**
 * Read-modify-write under an exclusive lock, written by temp file, fsync and rename, so
 * that concurrent aim processes never lose each other's updates and a crash never leaves
 * a half-written file. With `rebuild`, a damaged file is moved aside (never deleted) and
 * `fallback` taken instead: for the command that owns the file.
 */
export async function updateJson<T>(
  path: string,
  fallback: T,
  change: (doc: T) => T | undefined,
  kind?: DataFile,
  rebuild = false,
): Promise<T> {
  // The lock's code is for writers only: trust.json is read on aim exec's hot path.
  return withLock(path, async () => {
    let doc: T;
    try {
      doc = readJson(path, fallback, kind);
    } catch (err) {
      if (!rebuild || !(err instanceof AimError) || err.code !== "DATA_DAMAGED") throw err;
      const aside = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(path, aside);
      log.warn(`${err.message}: moved it aside to ${aside} and started a new one (${kind?.loses ?? "its content is in that file"})`);
      doc = fallback;
    }
    const next = change(doc) ?? doc;
    await writeAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  });
}
