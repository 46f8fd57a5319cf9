import { join } from "node:path";
import { prevName, type Shell } from "./types.js";

// PowerShell treats the typographic single quotes as quote characters too (mise PR
// #12016 broke on O'Brien); doubling any of them is the escape inside '…'.
const quote = (value: string): string => `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;

// PowerShell splits a native command's output into lines (losing \r and the kind of line
// break) and decodes it with the console's code page. A value that is not plain printable
// ASCII therefore travels as base64 of its UTF-8 bytes, decoded inside the shell.
const literal = (value: string): string =>
  /^[\x20-\x7e]*$/.test(value)
    ? quote(value)
    : `([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('${Buffer.from(value, "utf8").toString("base64")}')))`;

// Previous values wait in $global: variables, which PowerShell never hands to children.
export const pwsh: Shell = {
  name: "pwsh",
  hookFile: "aim.ps1",
  completionFile: "completion.ps1",
  rcShown: "$PROFILE",
  // $PROFILE's CurrentUserCurrentHost: Documents\PowerShell on Windows, XDG's config folder elsewhere.
  rcFile: (env, home) =>
    process.platform === "win32"
      ? join(home, "Documents", "PowerShell", "Microsoft.PowerShell_profile.ps1")
      : join(env.XDG_CONFIG_HOME || join(home, ".config"), "powershell", "Microsoft.PowerShell_profile.ps1"),
  loadLine: (args) => `aim ${args} | Out-String | Invoke-Expression`,
  list: (names) => names.map(quote).join(", "),
  quote,
  exportVar: (key, value) => `$env:${key} = ${literal(value)};`,
  unsetVar: (key) => `Remove-Item -LiteralPath Env:${key} -ErrorAction SilentlyContinue;`,
  setLocal: (key, value) => `$global:${key} = ${literal(value)};`,
  copyLocal: (key, from) => `$global:${key} = $global:${from};`,
  saveAndExport: (key, value) =>
    `if (Test-Path -LiteralPath Env:${key}) { $global:${prevName(key)} = $env:${key} }; $env:${key} = ${literal(value)};`,
  restore: (key) =>
    `if ($null -ne (Get-Variable -Scope Global -Name ${prevName(key)} -ErrorAction Ignore)) { $env:${key} = $global:${prevName(key)}; Remove-Variable -Scope Global -Name ${prevName(key)} } else { Remove-Item -LiteralPath Env:${key} -ErrorAction SilentlyContinue };`,
};
