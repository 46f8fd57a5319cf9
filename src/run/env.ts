// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import type { KeyPlan } from "../core/config.js";
import { readStoreKey } from "../core/names.js";
import { OWN_CREDENTIALS } from "../core/reserved-names.js";

export interface EnvResult {
  env: NodeJS.ProcessEnv;
  /** Keys whose value came from the store (it wins over an inherited value). */
  injected: string[];
  /** Required or optional keys the store lacked but the inherited environment had. */
  inherited: string[];
  /** Required keys found nowhere: the command must not start. */
  missing: string[];
  /** Optional keys found nowhere: skipped silently. */
  skipped: string[];
}

/** Composes the child's environment from the inherited one and the values read (keyed by reference). */
export function composeEnv(plan: KeyPlan, values: ReadonlyMap<string, string>, base: NodeJS.ProcessEnv): EnvResult {
  const env: NodeJS.ProcessEnv = { ...base };
  // aim's own credentials stay with aim, unless the plan names one.
  for (const name of OWN_CREDENTIALS) if (!plan.required.includes(name) && !plan.optional.includes(name)) delete env[name];
  const out: EnvResult = { env, injected: [], inherited: [], missing: [], skipped: [] };
  const place = (key: string, required: boolean) => {
    const fallbacks = plan.fallbacks?.[key] ?? [];
    const source = [plan.refs[key] ?? key, ...fallbacks].find((k) => values.has(k));
    // Store values win over inherited ones; an inherited fallback still fills the variable (CI).
    const fallbackNames = fallbacks.map((r) => readStoreKey(r)?.name).filter((k): k is string => k !== undefined);
    // Own variables only: process.env answers `constructor` with a function.
    const has = (k: string) => Object.hasOwn(base, k) && base[k] !== undefined;
    const inheritedFrom = has(key) ? key : fallbackNames.find(has);
    if (source !== undefined) {
      env[key] = values.get(source);
      out.injected.push(key);
    } else if (inheritedFrom !== undefined) {
      env[key] = base[inheritedFrom];
      out.inherited.push(key);
    } else {
      (required ? out.missing : out.skipped).push(key);
    }
  };
  for (const key of plan.required) place(key, true);
  for (const key of plan.optional) place(key, false);
  return out;
}
