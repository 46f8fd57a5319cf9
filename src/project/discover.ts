// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
/** Folders from `dir` up to the root, `dir` first. `dir` must be absolute. */
export function* ancestors(dir: string, parent: (d: string) => string): Generator<string> {
  for (let d = dir; ; d = parent(d)) {
    yield d;
    if (parent(d) === d) return;
  }
}

/**
 * Whether a package.json text may hold an "aim" field, without parsing it: most folders
 * on the way up hold a package.json of something else, and parsing each one would load a
 * JSON parser for nothing. Errs on the side of yes (an escaped key goes to the parser).
 */
export const mayHoldAimField = (text: string): boolean => /"aim"\s*:/.test(text) || text.includes("\\u");
