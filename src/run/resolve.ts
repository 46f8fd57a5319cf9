import type { KeyPlan } from "../core/config.js";
import { composeEnv, type EnvResult } from "./env.js";
import { bindingLabel, fixFor, parseReference } from "../core/reference.js";
import { unusableValue } from "../core/values.js";
import { AimError } from "../errors.js";
import { type StoreContext, sourceOf } from "../store/context.js";
import { resolveReferences } from "../store/resolve.js";

export interface Resolved extends EnvResult {
  /** The values read, keyed by reference: for masking only. */
  values: Map<string, string>;
  /** Variable → the reference that fills it. */
  refs: Record<string, string>;
  /** Set when a source (the store, a provider) could not be read and the inherited environment had to do. */
  storeError?: AimError;
  /** Values the store holds that no program could receive (NUL byte, too large): left out, each with its reason. */
  refused: Array<{ key: string; error: AimError }>;
  /** Keys the metadata places in a keyring this command could not reach: the error that says so. */
  unreachable?: AimError;
}

/**
 * Reads the plan's references in one batch per source and composes the child's
 * environment. An unreachable source is reported, not thrown: callers decide whether the
 * inherited environment is enough. Values read are checked like any input: another
 * program may have written them. `ctx` is the command's one store context.
 */
export async function resolveKeys(plan: KeyPlan, ctx: StoreContext, base: NodeJS.ProcessEnv = process.env): Promise<Resolved> {
  const wanted = new Set([...plan.required, ...plan.optional].flatMap((k) => [plan.refs[k] ?? k, ...(plan.fallbacks?.[k] ?? [])]));
  let values = new Map<string, string>();
  let storeError: AimError | undefined;
  if (wanted.size > 0) {
    const read = await resolveReferences(wanted, ctx);
    values = read.values;
    // The store's error first: it is the one most commands depend on.
    storeError = read.errors.get("store") ?? [...read.errors.values()][0];
  }
  const refused: Resolved["refused"] = [];
  for (const key of [...plan.required, ...plan.optional]) {
    const from = plan.refs[key] ?? key;
    const value = values.get(from);
    const why = value === undefined ? undefined : unusableValue(key, value);
    if (why === undefined) continue;
    values.delete(from);
    const error = new AimError("BAD_VALUE", `cannot hand over ${key}: ${why}`, { hint: `store it again: ${fixFor(parseReference(from))}` });
    refused.push({ key, error });
  }
  const env = composeEnv(plan, values, base);
  // auto on the vault while the metadata places missing keys in the keyring: say so.
  let unreachable: AimError | undefined;
  if (env.missing.length > 0 && storeError === undefined) {
    // The same store that was just read: it knows whether auto fell back to the vault.
    const store = await ctx.store();
    if (store.unreachable !== undefined) {
      const keys = env.missing.map((k) => plan.refs[k] ?? k).filter((r) => sourceOf(r).source === "store");
      unreachable = (await import("../store/secrets.js")).keyringOnlyError(store, keys);
    }
  }
  return { ...env, values, refs: plan.refs, storeError, refused, ...(unreachable ? { unreachable } : {}) };
}

/** "add it with: aim secrets set work/A", or one command for each of several keys. */
export const addHint = (missing: readonly string[], refs: Readonly<Record<string, string>> = {}): string =>
  `add ${missing.length > 1 ? "them" : "it"} with: ${missing.map((k) => fixFor(parseReference(refs[k] ?? k))).join("; ")}`;

/**
 * The error for required keys nobody holds, each named with its reference and what
 * requires it (`blame`): `missing OPENAI_API_KEY <- work/OPENAI_API_KEY (required by FILE)`.
 */
export function missingKeysError(missing: string[], refs: Readonly<Record<string, string>>, blame: (key: string) => string): AimError {
  const by = new Map<string, string[]>();
  for (const k of missing) by.set(blame(k), [...(by.get(blame(k)) ?? []), bindingLabel(k, refs[k] ?? k)]);
  const parts = [...by].map(([source, keys]) => `${keys.join(", ")} (required by ${source})`);
  return new AimError("MISSING_KEYS", `missing ${parts.join(", ")}`, { hint: addHint(missing, refs) });
}
