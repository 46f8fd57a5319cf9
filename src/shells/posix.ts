import type { Shell, ShellName } from "./types.js";

// Inside single quotes bash and zsh take every byte literally (newlines, `$`, `!`,
// backslashes); only the quote itself needs closing, escaping and reopening.
const quote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

const posix = (name: ShellName): Shell => ({
  name,
  quote,
  exportVar: (key, value) => `export ${key}=${quote(value)};`,
  unsetVar: (key) => `unset ${key};`,
});

export const bash = posix("bash");
export const zsh = posix("zsh");
