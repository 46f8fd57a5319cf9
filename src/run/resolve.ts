import type { KeyPlan } from "../core/config.js";
import { composeEnv, type EnvResult } from "../core/env.js";
import { unusableValue } from "../core/values.js";
import { AimError } from "../errors.js";
import { openStore } from "../store/backend.js";
import type { SecretStore } from "../store/store.js";

export interface Resolved extends EnvResult {
  /** The store's values, keyed by store key: for masking only. */
  values: Map<string, string>;
  /** Set when the store could not be read and the inherited environment had to do. */
  storeError?: AimError;
  /** Values the store holds that no program could receive (NUL byte, too large): left out, each with its reason. */
  refused: Array<{ key: string; error: AimError }>;
  /** Keys the metadata places in a keyring this command could not reach: the error that says so. */
  unreachable?: AimError;
}

/**
 * Fetches the plan's keys in one batch and composes the child's environment. An
 * unreachable store is reported, not thrown: callers decide whether the inherited
 * environment is enough. Values from the store are checked like any input: another
 * program may have written them.
 */
export async function resolveKeys(plan: KeyPlan, base: NodeJS.ProcessEnv = process.env): Promise<Resolved> {
  const wanted = [...new Set([...plan.required, ...plan.optional].flatMap((k) => [plan.sources?.[k] ?? k, ...(plan.fallbacks?.[k] ?? [])]))];
  let values = new Map<string, string>();
  let storeError: AimError | undefined;
  let store: SecretStore | undefined;
  if (wanted.length > 0) {
    try {
      store = await openStore();
      values = await store.getMany(wanted);
    } catch (err) {
      if (!(err instanceof AimError)) throw err;
      storeError = err;
    }
  }
  const refused: Resolved["refused"] = [];
  for (const key of [...plan.required, ...plan.optional]) {
    const from = plan.sources?.[key] ?? key;
    const value = values.get(from);
    const why = value === undefined ? undefined : unusableValue(key, value);
    if (why === undefined) continue;
    values.delete(from);
    const error = new AimError("BAD_VALUE", `cannot hand over ${key}: ${why}`, { hint: `store it again: aim secrets set ${from}` });
    refused.push({ key, error });
  }
  const env = composeEnv(plan, values, base);
  const away = store?.unreachable !== undefined && env.missing.length > 0;
  const unreachable = away && store ? (await import("../store/secrets.js")).keyringOnlyError(store, env.missing) : undefined;
  return { ...env, values, storeError, refused, ...(unreachable ? { unreachable } : {}) };
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
