// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import { AimError } from "../errors.js";
import { entryBinding, type KeyEntry } from "../core/config.js";
import { assertKeyName } from "../core/names.js";
import { parseReference } from "../core/reference.js";

export interface Problem {
  field: string;
  message: string;
}

/**
 * What the schema cannot say about `keys` and `optional`: each reference's scheme and path,
 * and that no variable is bound twice in one file (plainly and mapped, or mapped twice).
 */
export function checkKeyLists(config: { keys?: readonly KeyEntry[]; optional?: readonly KeyEntry[] }): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, { field: string; mapped: boolean }>();
  for (const list of ["keys", "optional"] as const) {
    config[list]?.forEach((entry, i) => {
      const [variable, ref] = entryBinding(entry);
      const field = `${list}[${i}]`;
      // The schema's pattern admits __proto__, which names.ts refuses.
      try {
        assertKeyName(variable);
      } catch (err) {
        if (!(err instanceof AimError)) throw err;
        problems.push({ field, message: err.message });
        return;
      }
      // A plain name listed twice is one key; a variable bound to a reference and anything
      // else besides is two answers to one question.
      const first = seen.get(variable);
      if (first && (first.mapped || ref !== undefined)) {
        problems.push({ field, message: `${variable} is listed twice (also at ${first.field}); list each variable once` });
      } else if (!first) seen.set(variable, { field, mapped: ref !== undefined });
      if (ref === undefined) return;
      try {
        parseReference(ref);
      } catch (err) {
        if (!(err instanceof AimError)) throw err;
        problems.push({ field: `${field}.${variable}`, message: `${err.message}${err.hint ? ` (${err.hint})` : ""}` });
      }
    });
  }
  return problems;
}
