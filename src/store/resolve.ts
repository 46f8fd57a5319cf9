import { AimError } from "../errors.js";
import { type Source, type StoreContext, sourceOf } from "./context.js";
import type { Provider } from "./provider.js";

export interface ReferenceValues {
  /** The values found, by reference text (`work/NAME`, `team:NAME`). */
  values: Map<string, string>;
  /** The sources that could not be read, each with its error; their references count as absent. */
  errors: Map<Source, AimError>;
}

/** Groups reference texts by the source that holds them: source → paths. */
export function groupReferences(refs: Iterable<string>): Map<Source, Map<string, string>> {
  const groups = new Map<Source, Map<string, string>>();
  for (const text of refs) {
    const { source, path } = sourceOf(text);
    if (!groups.has(source)) groups.set(source, new Map());
    groups.get(source)?.set(path, text);
  }
  return groups;
}

/**
 * Reads every reference in one batch per source: all store keys (of every profile) in one
 * keyring or vault call, all `team:` paths in one read of the team file, and so on, the
 * sources side by side. A source that cannot be read is reported in `errors`, not thrown:
 * the caller decides whether the inherited environment is enough. A scheme this build has
 * no provider for is thrown.
 */
export async function resolveReferences(refs: Iterable<string>, ctx: StoreContext): Promise<ReferenceValues> {
  const groups = groupReferences(refs);
  const values = new Map<string, string>();
  const errors = new Map<Source, AimError>();
  // A scheme without a provider is thrown here, before anything is read; the store opens
  // inside the try below, since an unusable store is one more source that cannot be read.
  const loaded = new Map<Source, Provider>();
  for (const source of groups.keys()) if (source !== "store") loaded.set(source, await ctx.provider(source));
  await Promise.all(
    [...groups].map(async ([source, byPath]) => {
      try {
        const provider = loaded.get(source) ?? (await ctx.store());
        const found = await provider.resolve([...byPath.keys()]);
        for (const [path, text] of byPath) {
          const value = found.get(path);
          if (value !== undefined) values.set(text, value);
        }
      } catch (err) {
        if (!(err instanceof AimError)) throw err;
        errors.set(source, err);
      }
    }),
  );
  return { values, errors };
}
