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
  const wanted = [...new Set([...plan.required, ...plan.optional].map((k) => plan.sources?.[k] ?? k))];
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

export function missingKeysError(missing: string[], source: string): AimError {
  const [first] = missing;
  return new AimError("MISSING_KEYS", `missing ${missing.join(", ")} (required by ${source})`, {
    hint: `add ${missing.length > 1 ? "each" : "it"} with: aim secrets set ${first}`,
  });
}
