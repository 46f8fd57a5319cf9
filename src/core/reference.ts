import { AimError } from "../errors.js";
import { DEFAULT_PROFILE, formatStoreKey, isKeyName, parseStoreKey, readStoreKey, type StoreKey } from "./names.js";

/**
 * Where a variable's value comes from: a store key (`NAME`, `PROFILE/NAME`) in the keyring
 * or vault, or `SCHEME:PATH` read by the provider of that scheme (DESIGN "Profiles and
 * references"). A reference names its source exactly: a profile never changes it.
 */
export type Reference = { scheme: "store"; key: StoreKey } | { scheme: SchemeName; path: string };

/** What aim needs to know about a scheme before any provider is loaded. */
export interface SchemeSpec {
  /** What PATH is, for error messages. */
  readonly path: string;
  /** Whether PATH is well formed (checked when the config is read, before anything runs). */
  valid(path: string): boolean;
  /** The command that stores a missing value under PATH. */
  fix(path: string): string;
  /** The variable a reference fills when nothing names one, where PATH names one. */
  variable?(path: string): string;
}

export type SchemeName = "team" | "pass";

// The one rule for a password-store path: relative, letters, digits and /._-@%+=:, no empty,
// `.` or `..` segment, not starting with `-` (it would reach pass as an option).
const PASS_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_@%+=:,./-]+$/;
export const isPassPath = (p: string): boolean =>
  PASS_PATH.test(p) && !p.startsWith("/") && !p.startsWith("-") && !p.split("/").includes("");

/** Every scheme aim knows. A new provider is one entry here and one in store/providers.ts. */
export const SCHEMES: Readonly<Record<SchemeName, SchemeSpec>> = {
  team: { path: "a variable name in the project's team file", valid: isKeyName, fix: (p) => `aim team set ${p}`, variable: (p) => p },
  pass: {
    path: "a password-store path",
    valid: (p) => isPassPath(p),
    fix: (p) => `pass insert ${p}`,
  },
};

export const SCHEME_NAMES = Object.keys(SCHEMES) as SchemeName[];
const isScheme = (s: string): s is SchemeName => Object.hasOwn(SCHEMES, s);

const unknownScheme = (scheme: string, text: string) =>
  bad(
    `unknown scheme "${scheme}" in ${JSON.stringify(text)}`,
    `the schemes aim knows: ${SCHEME_NAMES.map((s) => `${s}:`).join(", ")}; or use a store key, NAME or PROFILE/NAME`,
  );

/**
 * `SCHEME:PATH` split at its scheme, the path not yet checked (its provider checks it, with
 * its own message); undefined for a store key (no colon). An unknown scheme is thrown.
 */
export function splitScheme(text: string): { scheme: SchemeName; path: string } | undefined {
  const colon = text.indexOf(":");
  if (colon < 0) return undefined;
  const scheme = text.slice(0, colon);
  if (!isScheme(scheme)) throw unknownScheme(scheme, text);
  return { scheme, path: text.slice(colon + 1) };
}

const bad = (message: string, hint: string) => new AimError("CONFIG_INVALID", message, { hint });

/** Parses a reference; the error says what is wrong, without the caller's file and field. */
export function parseReference(text: string): Reference {
  const colon = text.indexOf(":");
  if (colon < 0) {
    const key = readStoreKey(text);
    if (key) return { scheme: "store", key };
    throw bad(`${JSON.stringify(text)} is not a reference`, "a reference is NAME, PROFILE/NAME or SCHEME:PATH, e.g. work/OPENAI_API_KEY");
  }
  const scheme = text.slice(0, colon);
  const path = text.slice(colon + 1);
  if (!isScheme(scheme)) throw unknownScheme(scheme, text);
  const spec = SCHEMES[scheme];
  if (!spec.valid(path))
    throw bad(`${JSON.stringify(text)}: the path after ${scheme}: must be ${spec.path}`, `e.g. ${scheme}:OPENAI_API_KEY`);
  return { scheme, path };
}

/** The canonical text of a reference: what results, status and messages show. */
export const formatReference = (ref: Reference): string => (ref.scheme === "store" ? formatStoreKey(ref.key) : `${ref.scheme}:${ref.path}`);

/** The reference a plain NAME stands for under `profile`. */
export const plainReference = (name: string, profile: string | undefined): Reference => ({ scheme: "store", key: { profile, name } });

/** The command that adds the missing value of `ref`. */
export const fixFor = (ref: Reference): string =>
  ref.scheme === "store" ? `aim secrets set ${formatStoreKey(ref.key)}` : SCHEMES[ref.scheme].fix(ref.path);

/** `OPENAI_API_KEY`, or `OPENAI_API_KEY <- work/OPENAI_API_KEY` when the reference says more than the name. */
export const bindingLabel = (variable: string, ref: string): string => (ref === variable ? variable : `${variable} <- ${ref}`);

/** The variable name a store-key reference would be exported as; undefined for a provider's. */
export const readStoreKeyName = (text: string): string | undefined => {
  const ref = parseReference(text);
  return ref.scheme === "store" ? ref.key.name : undefined;
};

/** The variable a reference fills when nothing names one: a store key's NAME, a team: NAME. */
export const variableOf = (ref: Reference): string | undefined =>
  ref.scheme === "store" ? ref.key.name : SCHEMES[ref.scheme].variable?.(ref.path);

/**
 * `--keys A,work/B,team:C` (and the library's `keys`): each a reference whose variable is
 * its name, in canonical text, but for `default/NAME`, kept so that it stays explicit. A reference with no name of its own (pass:PATH) needs an
 * .aimrc entry that names the variable.
 */
export function parseKeysFlag(list: string | readonly string[]): string[] {
  const items = typeof list === "string" ? list.split(",") : list;
  return items
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      if (!s.includes(":")) {
        // default/NAME stays as written: it names the default profile, whatever --profile says.
        const key = parseStoreKey(s);
        return key.profile === undefined && s.includes("/") ? `${DEFAULT_PROFILE}/${key.name}` : formatStoreKey(key);
      }
      const ref = parseReference(s);
      if (variableOf(ref) === undefined) {
        throw new AimError("BAD_KEY_NAME", `${s} names no variable`, { hint: `map it in the .aimrc: keys: [{ VARIABLE: ${s} }]` });
      }
      return formatReference(ref);
    });
}
