import type { KeyPlan } from "../core/config.js";
import { composeEnv, type EnvResult } from "../core/env.js";
import { AimError } from "../errors.js";
import { openStore } from "../store/backend.js";

export interface Resolved extends EnvResult {
  /** The store's values, keyed by store key: for masking only. */
  values: Map<string, string>;
  /** Set when the store could not be read and the inherited environment had to do. */
  storeError?: AimError;
}

/**
 * Fetches the plan's keys in one batch and composes the child's environment. An
 * unreachable store is reported, not thrown: callers decide whether the inherited
 * environment is enough.
 */
export async function resolveKeys(plan: KeyPlan, base: NodeJS.ProcessEnv = process.env): Promise<Resolved> {
  const wanted = [...new Set([...plan.required, ...plan.optional].flatMap((k) => [plan.sources?.[k] ?? k, ...(plan.fallbacks?.[k] ?? [])]))];
  let values = new Map<string, string>();
  let storeError: AimError | undefined;
  if (wanted.length > 0) {
    try {
      values = await (await openStore()).getMany(wanted);
    } catch (err) {
      if (!(err instanceof AimError)) throw err;
      storeError = err;
    }
  }
  return { ...composeEnv(plan, values, base), values, storeError };
}

/** "add it with: aim secrets set A", or one command for each of several keys. */
export const addHint = (missing: readonly string[]): string =>
  `add ${missing.length > 1 ? "them" : "it"} with: ${missing.map((k) => `aim secrets set ${k}`).join("; ")}`;

/** The error for required keys nobody holds, each named with what requires it (`blame`). */
export function missingKeysError(missing: string[], blame: (key: string) => string): AimError {
  const by = new Map<string, string[]>();
  for (const k of missing) by.set(blame(k), [...(by.get(blame(k)) ?? []), k]);
  const parts = [...by].map(([source, keys]) => `${keys.join(", ")} (required by ${source})`);
  return new AimError("MISSING_KEYS", `missing ${parts.join(", ")}`, { hint: addHint(missing) });
}
