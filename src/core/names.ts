import { AimError } from "../errors.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROFILE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The profile a plain NAME belongs to. `default/NAME` is the same entry as `NAME`. */
export const DEFAULT_PROFILE = "default";

/**
 * `__proto__` is a valid environment variable name, but JavaScript objects (and the JSON and
 * YAML readers that build them) give it a meaning of its own: it is never a key name.
 */
const PROTO = "__proto__";

export const isKeyName = (name: string): boolean => ENV_NAME.test(name) && name !== PROTO;
export const isProfileName = (name: string): boolean => PROFILE.test(name);

// C0 and C1 controls, DEL, line/paragraph separators and bidi overrides: a name from outside
// holding any of them could move the cursor, recolour or retitle the terminal, or hide text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** A name from outside, quoted and with every control character escaped, safe to print. */
export const shownName = (name: string): string =>
  `"${name.replace(/["\\]/g, "\\$&").replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;

/** Text for a terminal cell: control characters escaped, nothing else changed. */
export const safeText = (text: string): string => text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * JSON.stringify's output made safe for a terminal: it escapes C0 controls inside strings but
 * leaves DEL, C1 controls and bidi overrides raw. Escaped as \uXXXX they parse to the same
 * text; the layout's own line breaks stay.
 */
export const safeJson = (json: string): string =>
  json.replace(UNSAFE, (c) => (c === "\n" ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));

/** Throws unless `name` is usable as an environment variable name. */
export function assertKeyName(name: string): string {
  if (name === PROTO) {
    throw new AimError("BAD_KEY_NAME", `"${PROTO}" cannot be a key name: JavaScript gives it a meaning of its own`, {
      hint: "use another name",
    });
  }
  if (!isKeyName(name)) {
    const shown = name === "" ? "an empty name" : shownName(name);
    throw new AimError("BAD_KEY_NAME", `${shown} is not an environment variable name`);
  }
  return name;
}

/** Throws unless `name` is a profile name; "default" comes back as undefined (the default profile). */
export function assertProfile(name: string): string | undefined {
  if (!isProfileName(name)) {
    throw new AimError("BAD_KEY_NAME", `${name === "" ? "an empty profile" : JSON.stringify(name)} is not a profile name`, {
      hint: "a profile is letters, digits, '.', '_' and '-' (at most 64, no '/'), e.g. work",
    });
  }
  return name === DEFAULT_PROFILE ? undefined : name;
}

/**
 * A store key: where one value lives in the keyring (the account name) or the vault (the
 * entry's name). `profile` is undefined for the default profile.
 */
export interface StoreKey {
  profile: string | undefined;
  name: string;
}

/** `work/OPENAI_API_KEY` or `OPENAI_API_KEY`: the canonical text of a store key. */
export const formatStoreKey = (key: StoreKey): string => (key.profile === undefined ? key.name : `${key.profile}/${key.name}`);

/** Parses `NAME` or `PROFILE/NAME`; null when it is neither (for data aim did not write). */
export function readStoreKey(text: string): StoreKey | null {
  const slash = text.indexOf("/");
  if (slash < 0) return isKeyName(text) ? { profile: undefined, name: text } : null;
  const profile = text.slice(0, slash);
  const name = text.slice(slash + 1);
  if (!isProfileName(profile) || !isKeyName(name)) return null;
  return { profile: profile === DEFAULT_PROFILE ? undefined : profile, name };
}

/**
 * Whether `text` may be a key in a store (keyring account, vault entry): NAME or
 * PROFILE/NAME. Other programs share the Secret Service, so every name read from a store
 * passes here before aim uses it.
 */
export const isStoreKey = (text: string): boolean => readStoreKey(text) !== null;

/**
 * Parses a store key given on the command line. `profile` (from --profile) applies to a
 * plain NAME; a key that names another profile as well is a contradiction, not a choice.
 */
export function parseStoreKey(text: string, profile?: string): StoreKey {
  const key = readStoreKey(text);
  if (!key) {
    const name = text.slice(text.indexOf("/") + 1);
    if (!text.includes("/") || name === PROTO) assertKeyName(name);
    throw new AimError("BAD_KEY_NAME", `${JSON.stringify(text)} is not a store key`, {
      hint: "a store key is NAME or PROFILE/NAME, e.g. OPENAI_API_KEY or work/OPENAI_API_KEY",
    });
  }
  if (profile === undefined || !text.includes("/")) return profile === undefined ? key : { ...key, profile };
  if (key.profile !== profile) {
    throw new AimError("USAGE", `${text} names profile ${key.profile ?? DEFAULT_PROFILE}, but --profile says ${profile}`, {
      hint: `give one of them: aim secrets ... ${key.name} --profile ${profile}`,
    });
  }
  return key;
}

/** The profile a --profile flag names; undefined for none or "default". */
export const profileFlag = (value: string | undefined): string | undefined => (value === undefined ? undefined : assertProfile(value));

/** Splits a comma list from the command line (`--keys A,B`) and validates each name. */
export function parseKeyList(list: string): string[] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(assertKeyName);
}

/**
 * A `--profile P` (or the library's `profile`) as given: "default" stays, since it
 * overrides a project's `profile:` with the default profile.
 */
export function checkProfileOption(value: string | undefined, what = "--profile"): string | undefined {
  if (value === undefined || isProfileName(value)) return value;
  throw new AimError("BAD_KEY_NAME", `${what} ${JSON.stringify(value)} is not a profile name`, {
    hint: "a profile is letters, digits, '.', '_' and '-' (at most 64, no '/'), e.g. work",
  });
}
