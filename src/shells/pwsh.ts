import type { Shell } from "./types.js";

// PowerShell treats the typographic single quotes as quote characters too (mise PR
// #12016 broke on O'Brien); doubling any of them is the escape inside '…'.
const quote = (value: string): string => `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;

export const pwsh: Shell = {
  name: "pwsh",
  quote,
  exportVar: (key, value) => `$env:${key} = ${quote(value)};`,
  unsetVar: (key) => `Remove-Item -LiteralPath Env:${key} -ErrorAction SilentlyContinue;`,
};
