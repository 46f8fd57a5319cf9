import { join } from "node:path";
import { prevName, type Shell } from "./types.js";

// Inside single quotes bash and zsh take every byte literally (newlines, `$`, `!`,
// backslashes); only the quote itself needs closing, escaping and reopening.
const quote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

// Hook code is evaluated inside a function: a plain assignment there is global in both
// shells. Under `set -a` it would also be exported, so the export flag is taken off again
// (bash 3.2 has no `declare -g`, hence `export -n`; zsh's `export -n` means something else).
const unexport: Record<"bash" | "zsh", (name: string) => string> = {
  bash: (name) => `builtin export -n ${name}`,
  zsh: (name) => `builtin typeset -g +x ${name}`,
};

const posix = (name: "bash" | "zsh"): Shell => ({
  name,
  hookFile: `aim.${name}`,
  completionFile: `completion.${name}`,
  rcShown: `~/.${name}rc`,
  rcFile: (env, home) => join(name === "zsh" ? env.ZDOTDIR || home : home, `.${name}rc`),
  loadLine: (args) => `eval "$(aim ${args})"`,
  ...(name === "zsh" ? { completionNeeds: "compinit" } : {}),
  list: (names) => names.map(quote).join(" "),
  quote,
  exportVar: (key, value) => `export ${key}=${quote(value)};`,
  unsetVar: (key) => `unset ${key};`,
  setLocal: (key, value) => `${key}=${quote(value)}; ${unexport[name](key)};`,
  copyLocal: (key, from) => `${key}=\${${from}-}; ${unexport[name](key)};`,
  saveAndExport: (key, value) =>
    `if [ -n "\${${key}+x}" ]; then ${prevName(key)}=$${key}; ${unexport[name](prevName(key))}; fi; export ${key}=${quote(value)};`,
  restore: (key) =>
    `if [ -n "\${${prevName(key)}+x}" ]; then export ${key}="$${prevName(key)}"; unset ${prevName(key)}; else unset ${key}; fi;`,
});

export const bash = posix("bash");
export const zsh = posix("zsh");
