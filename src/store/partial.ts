import { AimError } from "../errors.js";
import type { StoreProvider } from "./provider.js";

const reason = (err: unknown): { message: string; hint?: string; code: AimError["code"] } =>
  err instanceof AimError
    ? { message: err.message, hint: err.hint, code: err.code }
    : { message: (err as Error)?.message ?? String(err), code: "IO" };

/**
 * A write of several keys failed after `stored` were written. Put each back as it was
 * (`before`); when the store will not take even that (it died mid-command), record the
 * ones that stay in the metadata and say exactly which keys hold the new value and which
 * do not. Returns the error for the caller to throw.
 */
export async function storeFailedMidway(
  store: StoreProvider,
  err: unknown,
  keys: readonly string[],
  stored: readonly string[],
  before: ReadonlyMap<string, string>,
  recordStored: () => Promise<unknown>,
  metadataWasGood: boolean,
): Promise<unknown> {
  if (stored.length === 0) return err;
  const why = reason(err);
  const kept: string[] = [];
  for (const key of stored) {
    try {
      const old = before.get(key);
      if (old === undefined) await store.delete(key);
      else await store.set(key, old);
    } catch {
      kept.push(key);
    }
  }
  if (kept.length === 0) {
    return new AimError(
      why.code,
      `${why.message}; nothing was changed (the ${stored.length} value${stored.length > 1 ? "s" : ""} written before the failure ${stored.length > 1 ? "were" : "was"} put back)`,
      {
        hint: why.hint,
        cause: err,
      },
    );
  }
  // These hold the new value whatever happens next: the metadata must know them.
  let recorded = metadataWasGood;
  try {
    await recordStored();
    recorded = true;
  } catch {}
  const notStored = keys.filter((k) => !kept.includes(k));
  return new AimError(
    "IO",
    `the ${store.location} failed part-way (${why.message}). Stored (${kept.length}): ${kept.join(", ")}. Not stored (${notStored.length}): ${notStored.length ? notStored.join(", ") : "none"}${recorded ? "" : ". The metadata could not record the stored ones"}`,
    { hint: `once the store answers again (aim doctor), run the command again: it stores every key anew`, cause: err },
  );
}
