import { AimError } from "../errors.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const isKeyName = (name: string): boolean => ENV_NAME.test(name);

/**
 * Whether `name` may be a key in a store (keyring account, vault entry). Other programs
 * share the Secret Service, so every name read from a store passes here before aim uses it.
 * Today a store key is a NAME; profiles extend this one check to PROFILE/NAME.
 */
export const isStoreKey = (name: string): boolean => isKeyName(name);

// C0 and C1 controls, DEL, line/paragraph separators and bidi overrides: a name from outside
// holding any of them could move the cursor, recolour or retitle the terminal, or hide text.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** A name from outside, quoted and with every control character escaped, safe to print. */
export const shownName = (name: string): string =>
  `"${name.replace(/["\\]/g, "\\$&").replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;

/** Text for a terminal cell: control characters escaped, nothing else changed. */
export const safeText = (text: string): string =>
  text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Throws unless `name` is usable as an environment variable name. */
export function assertKeyName(name: string): string {
  if (!isKeyName(name)) {
    const shown = name === "" ? "an empty name" : shownName(name);
    throw new AimError("BAD_KEY_NAME", `${shown} is not an environment variable name`);
  }
  return name;
}

/** Splits a comma list from the command line (`--keys A,B`) and validates each name. */
export function parseKeyList(list: string): string[] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(assertKeyName);
}
