import type { Shell } from "./types.js";

// fish single quotes still give meaning to `\\` and `\'`, and to nothing else.
const quote = (value: string): string => `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

export const fish: Shell = {
  name: "fish",
  quote,
  exportVar: (key, value) => `set -gx ${key} ${quote(value)};`,
  unsetVar: (key) => `set -e ${key};`,
};
