import { join } from "node:path";
import { prevName, type Shell } from "./types.js";

// fish single quotes still give meaning to `\\` and `\'`, and to nothing else.
const quote = (value: string): string => `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

// `set -g` without -x is global and unexported; `$name` expands to the list unchanged
// (fish never splits a variable's elements), so a kept value comes back element for element.
export const fish: Shell = {
  name: "fish",
  hookFile: "aim.fish",
  completionFile: "completion.fish",
  rcShown: "~/.config/fish/config.fish",
  rcFile: (env, home) => join(env.XDG_CONFIG_HOME || join(home, ".config"), "fish", "config.fish"),
  loadLine: (args) => `aim ${args} | source`,
  list: (names) => names.map(quote).join(" "),
  quote,
  exportVar: (key, value) => `set -gx ${key} ${quote(value)};`,
  unsetVar: (key) => `set -e ${key};`,
  setLocal: (key, value) => `set -g ${key} ${quote(value)};`,
  copyLocal: (key, from) => `set -g ${key} $${from};`,
  saveAndExport: (key, value) => `if set -q ${key}; set -g ${prevName(key)} $${key}; end; set -gx ${key} ${quote(value)};`,
  restore: (key) =>
    `if set -q ${prevName(key)}; set -gx ${key} $${prevName(key)}; set -e -g ${prevName(key)}; else; set -e -g ${key}; end;`,
};
