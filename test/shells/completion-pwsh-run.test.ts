// The PowerShell completion code in real pwsh: TabExpansion2 is what PowerShell runs when
// Tab is pressed. Like hook-pwsh-run.test.ts, SKIPPED (and said) where pwsh is missing, as
// on the Linux test machines; run on GitHub's runners with AIM_TEST_REQUIRE_PWSH=1.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox } from "../helpers/cli.js";
import { installed } from "../helpers/tools.js";

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const present = installed("pwsh");
const required = Boolean(process.env.AIM_TEST_REQUIRE_PWSH);
if (!present && !required)
  process.stderr.write("\nSKIPPED: pwsh is NOT INSTALLED: the PowerShell completion was not executed here (GitHub's runners run it)\n");

const tab = suite("Tab completion in real pwsh (TabExpansion2)");
(present || required ? tab : tab.skip)("commands, stored key names and options", () => {
  if (!present)
    throw new Error("pwsh is NOT INSTALLED: this test cannot prove anything without it. Install PowerShell 7 (GitHub's runners have it)");
  const sb = sandbox();
  for (const k of ["OPENAI_API_KEY", "GITHUB_TOKEN"]) assert.is(sb.aim(["secrets", "set", k], { input: "v" }).code, 0);
  // An aim on PATH, as npm i -g leaves one.
  const bin = join(sb.dir, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "aim"), `#!/bin/sh\nexec '${process.execPath}' '${AIM}' "$@"\n`);
  chmodSync(join(bin, "aim"), 0o755);
  writeFileSync(join(bin, "aim.cmd"), `@"${process.execPath}" "${AIM}" %*\r\n`);
  const out = join(sb.dir, "matches.json");
  const script = join(sb.dir, "complete.ps1");
  writeFileSync(
    script,
    `$ErrorActionPreference = 'Stop'
& ${lit(process.execPath)} ${lit(AIM)} completion pwsh | Out-String | Invoke-Expression
function t([string] $line) { @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }) }
[ordered]@{ se = t 'aim se'; get = t 'aim secrets get '; op = t 'aim secrets get OP'; profile = t 'aim exec --p' } | ConvertTo-Json | Set-Content -LiteralPath ${lit(out)} -Encoding utf8
`,
  );
  const policy = process.platform === "win32" ? ["-ExecutionPolicy", "Bypass"] : [];
  const r = spawnSync("pwsh", ["-NoProfile", "-NonInteractive", ...policy, "-File", script], {
    cwd: sb.dir,
    env: { ...sb.env, PATH: `${bin}${delimiter}${process.env.PATH}` },
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal([r.status, r.stdout, r.stderr], [0, "", ""]);
  const got = JSON.parse(readFileSync(out, "utf8").replace(/^\uFEFF/, ""));
  const list = (v: unknown) => ([] as unknown[]).concat(v ?? []);
  assert.equal(list(got.se), ["secrets"]);
  assert.equal(list(got.get), ["GITHUB_TOKEN", "OPENAI_API_KEY"]);
  assert.equal(list(got.op), ["OPENAI_API_KEY"]);
  assert.equal(list(got.profile), ["--profile"]);
});
tab.run();
