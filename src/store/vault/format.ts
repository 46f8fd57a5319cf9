// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import { AimError } from "../../errors.js";
import { isStoreKey } from "../../core/names.js";

/**
 * The vault's plaintext, as `age -d` shows it: one JSON object of store key ("NAME" or
 * "PROFILE/NAME"): "value" pairs,
 * sorted, two-space indented. JSON rather than dotenv because every value (quotes,
 * newlines, backslashes, unicode) round-trips exactly and the parser has no dialects.
 */
export function serializeVault(values: ReadonlyMap<string, string>): string {
  const sorted = [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(sorted), null, 2)}\n`;
}

/**
 * Reads a vault's plaintext back. Errors name the vault, a line number or a key, never a
 * value: JSON.parse's own message quotes the text around the fault, so it is not passed on.
 */
export function parseVault(text: string, where: string): Map<string, string> {
  const bad = (why: string) =>
    new AimError("VAULT_CORRUPT", `${where} decrypts, but ${why}`, {
      hint: 'it must hold one JSON object of "NAME": "value" pairs; fix it with age -d, an editor and age -p',
    });
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    // Newer engines say where ("line 3 column 8", "position 21"); Node 20 often does not.
    const msg = (err as Error).message;
    const at = Number(msg.match(/position (\d+)/)?.[1] ?? Number.NaN);
    const ln = msg.match(/\(line (\d+) column/)?.[1] ?? (Number.isNaN(at) ? undefined : text.slice(0, at).split("\n").length);
    const line = ln === undefined ? "" : ` (line ${ln})`;
    throw bad(`its content is not valid JSON${line}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw bad("its content is not a JSON object");
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(doc)) {
    if (!isStoreKey(name)) throw bad(`${JSON.stringify(name)} is not a store key (NAME or PROFILE/NAME)`);
    if (typeof value !== "string") throw bad(`the value of ${name} is not a string`);
    if (value.includes("\0")) throw bad(`the value of ${name} contains a NUL byte`);
    out.set(name, value);
  }
  return out;
}
