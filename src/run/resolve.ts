import type { KeyPlan } from "../core/config.js";
import { composeEnv, type EnvResult } from "../core/env.js";
import { bindingLabel, fixFor, parseReference } from "../core/reference.js";
import { AimError } from "../errors.js";
import { resolveReferences } from "../store/resolve.js";

export interface Resolved extends EnvResult {
  /** The values read, keyed by reference: for masking only. */
  values: Map<string, string>;
  /** Variable → the reference that fills it. */
  refs: Record<string, string>;
  /** Set when a source (the store, a provider) could not be read and the inherited environment had to do. */
  storeError?: AimError;
}

/**
 * Reads the plan's references in one batch per source and composes the child's
 * environment. An unreachable source is reported, not thrown: callers decide whether the
 * inherited environment is enough.
 */
export async function resolveKeys(plan: KeyPlan, base: NodeJS.ProcessEnv = process.env, projectDir?: string): Promise<Resolved> {
  const wanted = new Set([...plan.required, ...plan.optional].map((k) => plan.refs[k] ?? k));
  let values = new Map<string, string>();
  let storeError: AimError | undefined;
  if (wanted.size > 0) {
    const read = await resolveReferences(wanted, { env: process.env, projectDir });
    values = read.values;
    // The store's error first: it is the one most commands depend on.
    storeError = read.errors.get("store") ?? [...read.errors.values()][0];
  }
  return { ...composeEnv(plan, values, base), values, refs: plan.refs, storeError };
}

/** `missing A, B <- work/B (required by FILE). Add each with: aim secrets set A` */
export function missingKeysError(missing: string[], refs: Readonly<Record<string, string>>, source: string): AimError {
  const [first = ""] = missing;
  const ref = refs[first] ?? first;
  return new AimError("MISSING_KEYS", `missing ${missing.map((k) => bindingLabel(k, refs[k] ?? k)).join(", ")} (required by ${source})`, {
    hint: `add ${missing.length > 1 ? "each" : "it"} with: ${fixFor(parseReference(ref))}`,
  });
}
