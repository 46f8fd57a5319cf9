// The PowerShell hook executed in real pwsh, with the hostile values hook-values.test.ts
// sends through bash, zsh and fish. pwsh cannot be installed on the Linux test machines
// (neither Debian nor npm has it): here this suite is SKIPPED and says so; GitHub's
// ubuntu, macOS and Windows runners have pwsh, and .github/workflows/ci.yml runs it there
// with AIM_TEST_REQUIRE_PWSH=1, which turns a missing pwsh into a failure.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, HOSTILE, sandbox } from "../helpers/cli.js";
import { installed } from "../helpers/tools.js";

// Windows caps an environment value at 32767 characters (and a Credential Manager entry at
// 2560 bytes): the 64 KiB value cannot exist there, whatever aim does.
const CASES = Object.entries(HOSTILE).filter(([name]) => !(process.platform === "win32" && name === "big"));
const KEYS = CASES.map(([k]) => `AIM_T_${k.toUpperCase()}`);
const VALUES = CASES.map(([, v]) => v);
// Every other key had a value before entering: it must come back exactly.
const PREV = new Map(KEYS.flatMap((k, i) => (i % 2 === 0 ? [[k, `PREV-SENTINEL ${VALUES[i]}`] as const] : [])));

/** A PowerShell single-quoted literal (the paths here hold no typographic quotes). */
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

function script(project: string, out: string): string {
  const dump = (tag: string) =>
    `foreach ($k in @(${KEYS.map(lit).join(", ")})) {
  $v = if (Test-Path -LiteralPath "Env:$k") { [Environment]::GetEnvironmentVariable($k) } else { '<unset>' }
  [System.IO.File]::WriteAllText((Join-Path ${lit(out)} "${tag}-$k"), $v)
}`;
  return [
    "$ErrorActionPreference = 'Stop'",
    // As docs/hook.md tells users to load it.
    `& ${lit(process.execPath)} ${lit(AIM)} hook pwsh | Out-String | Invoke-Expression`,
    `Set-Location -LiteralPath ${lit(project)}`,
    "__aim_hook",
    dump("in"),
    // What a child process sees while the keys are loaded.
    `& ${lit(process.execPath)} -e 'require(''fs'').writeFileSync(process.argv[1], JSON.stringify(process.env))' ${lit(join(out, "env.json"))}`,
    "Set-Location ..",
    "__aim_hook",
    dump("out"),
  ].join("\n");
}

const values = suite("hostile values through the PowerShell hook, in real pwsh");
const present = installed("pwsh");
if (!present && !process.env.AIM_TEST_REQUIRE_PWSH) {
  process.stderr.write(
    "\nSKIPPED: pwsh is NOT INSTALLED: the PowerShell hook was not executed here (it runs on GitHub's runners, .github/workflows/ci.yml)\n",
  );
}
(present || process.env.AIM_TEST_REQUIRE_PWSH ? values : values.skip)(
  "every hostile value loads exactly, earlier values come back, children see no earlier value",
  () => {
    if (!present)
      throw new Error("pwsh is NOT INSTALLED: this test cannot prove anything without it. Install PowerShell 7 (GitHub's runners have it)");
    const sb = sandbox();
    const project = join(sb.dir, "work", "hostile $test ü proj");
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, ".aimrc"), `keys:\n${KEYS.map((k) => `  - ${k}\n`).join("")}`);
    for (const [i, key] of KEYS.entries()) assert.is(sb.aim(["secrets", "set", key], { input: `${VALUES[i]}\n` }).code, 0, key);
    assert.is(sb.aim(["allow"], { cwd: project }).code, 0);

    const out = join(sb.dir, "out");
    mkdirSync(out);
    const file = join(sb.dir, "hook-test.ps1");
    writeFileSync(file, script(project, out));
    const policy = process.platform === "win32" ? ["-ExecutionPolicy", "Bypass"] : [];
    const r = spawnSync("pwsh", ["-NoProfile", "-NonInteractive", ...policy, "-File", file], {
      cwd: sb.dir,
      env: { ...sb.env, ...Object.fromEntries(PREV) },
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.is(r.status, 0, `pwsh failed: ${r.stdout}\n${r.stderr}`);
    assert.is(r.stdout, "", "the hook prints nothing on stdout");
    assert.match(r.stderr, /aim: \+AIM_T_SINGLE /);

    const read = (f: string) => readFileSync(join(out, f), "utf8");
    for (const [i, k] of KEYS.entries()) assert.is(read(`in-${k}`), VALUES[i], `pwsh loads ${k}`);
    for (const k of KEYS) assert.is(read(`out-${k}`), PREV.get(k) ?? "<unset>", `pwsh restores ${k}`);
    const child: Record<string, string> = JSON.parse(read("env.json"));
    for (const [i, k] of KEYS.entries()) assert.is(child[k], VALUES[i], `a child gets ${k}`);
    assert.equal(
      Object.keys(child).filter((k) => k.toLowerCase().startsWith("__aim")),
      ["__aim_state"],
    );
    for (const [name, value] of Object.entries(child))
      assert.not.ok(value.includes("PREV-SENTINEL"), `${name} carries an earlier value to children`);
  },
);
values.run();
