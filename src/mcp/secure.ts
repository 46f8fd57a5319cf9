import { readFileSync } from "node:fs";
import { readStoreKey, safeText } from "../core/names.js";
import { AimError } from "../errors.js";
import type { StoreProvider } from "../store/provider.js";
import { storeSecrets } from "../store/secrets.js";
import type { FilePlan } from "./plan.js";

/**
 * Every value the plans move, one per store key. Two literals under one store key with
 * different values cannot happen (plan gives those server profiles); if it does, stop.
 */
export function collectValues(plans: FilePlan[]): Map<string, string> {
  const values = new Map<string, { value: string; where: string }>();
  for (const plan of plans) {
    for (const change of plan.changes) {
      for (const m of change.moves) {
        const where = `${safeText(plan.file.path)} (server ${change.label})`;
        const seen = values.get(m.storeKey);
        if (seen && seen.value !== m.value) {
          throw new AimError("CONFIG_INVALID", `${m.storeKey} holds different values in ${seen.where} and ${where}`, {
            hint: `secure one of them at a time, or leave one in its file with --keep ${m.literal.key}`,
          });
        }
        values.set(m.storeKey, seen ?? { value: m.value, where });
      }
    }
  }
  return new Map([...values].map(([k, v]) => [k, v.value]));
}

/** Refuses to overwrite a stored key that holds a different value, unless forced. Same value: fine. */
export async function checkStore(store: StoreProvider, values: Map<string, string>, force: boolean): Promise<void> {
  if (force || values.size === 0) return;
  const held = await store.resolve([...values.keys()]);
  const differ = [...values].filter(([k, v]) => held.has(k) && held.get(k) !== v).map(([k]) => k);
  if (differ.length > 0) {
    throw new AimError("CONFIG_INVALID", `the ${store.location} already holds a different ${differ.join(", ")}`, {
      hint: `check which one is right (aim secrets get ${differ[0]}), then run again with --force to replace it, or --keep ${readStoreKey(differ[0] as string)?.name} to leave it in the file`,
    });
  }
}

/**
 * Stores the values, then rewrites each file in place by temp file and rename (write-file-atomic
 * keeps the file's mode and owner; the new text holds no moved value, and no backup is made).
 * A file that changed since it was read (its client saved it meanwhile) is not overwritten.
 */
export async function applyPlans(store: StoreProvider, plans: FilePlan[], values: Map<string, string>): Promise<void> {
  for (const plan of plans) {
    if (readFileSync(plan.file.path, "utf8") !== plan.file.text) {
      throw new AimError("IO", `${safeText(plan.file.path)} changed while aim read it`, { hint: "run aim mcp secure again" });
    }
  }
  if (values.size > 0) await storeSecrets(store, [...values], "moved out of an MCP client config by aim mcp secure");
  const { default: writeFileAtomic } = await import("write-file-atomic");
  for (const plan of plans) {
    if (plan.changes.length === 0) continue;
    try {
      await writeFileAtomic(plan.file.path, plan.next, { fsync: true });
    } catch (err) {
      throw new AimError("IO", `cannot write ${safeText(plan.file.path)}: ${safeText((err as Error).message)}`, {
        hint: "the keys are in the store already; fix the file's permissions and run aim mcp secure again",
        cause: err,
      });
    }
  }
}
