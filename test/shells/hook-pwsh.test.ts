// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
// PowerShell cannot be installed on the test machines: its hook is checked as generated
// text, and its quoting against the language's rules (docs/hook.md).
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { hookEnv, type Target } from "../../src/hook/diff.js";
import { EMPTY_STATE } from "../../src/hook/state.js";
import { renderHook } from "../../src/hook/script.js";
import { HOOKS } from "../../src/shells/hooks.js";
import { SHELLS } from "../../src/shells/index.js";
import { HOSTILE } from "../helpers/cli.js";

const pwsh = SHELLS.pwsh;
const QUOTES = "'\u2018\u2019\u201A\u201B";

/** Reads one PowerShell single-quoted literal the way PowerShell does: any of the five
 * single quotes ends it unless the next character is a quote too (then it stands for one). */
function readLiteral(code: string): { value: string; rest: string } {
  assert.ok(QUOTES.includes(code[0] as string), `not a literal: ${code.slice(0, 20)}`);
  let value = "";
  for (let i = 1; i < code.length; i++) {
    const c = code[i] as string;
    if (!QUOTES.includes(c)) value += c;
    else if (code[i + 1] !== undefined && QUOTES.includes(code[i + 1] as string)) value += code[++i];
    else return { value, rest: code.slice(i + 1) };
  }
  throw new Error("unterminated literal");
}

/** The value an exported literal or base64 expression stands for. */
function literalValue(expr: string): string {
  const b64 = expr.match(
    /^\(\[System\.Text\.Encoding\]::UTF8\.GetString\(\[System\.Convert\]::FromBase64String\('([A-Za-z0-9+/=]*)'\)\)\)/,
  );
  if (b64) return Buffer.from(b64[1] as string, "base64").toString("utf8");
  return readLiteral(expr).value;
}

const quoting = suite("pwsh quoting rules");
quoting("O'Brien and every typographic single quote survive", () => {
  for (const v of ["O'Brien", "O\u2019Brien", "\u2018a\u2019 \u201Ab\u201B", "''''", "$env:HOME `n @(1)"]) {
    const { value, rest } = readLiteral(pwsh.quote(v));
    assert.is(value, v);
    assert.is(rest, "");
  }
});
quoting("every hostile value comes back, and no exported line breaks", () => {
  for (const v of Object.values(HOSTILE)) {
    const line = pwsh.exportVar("K", v);
    assert.not.match(line, /[\r\n]/, "a line break would be lost in PowerShell's line splitting");
    assert.is(literalValue(line.replace(/^\$env:K = /, "")), v);
  }
});
quoting.run();

const code = suite("pwsh hook code");
code("the hook embeds node and aim quoted, even under a path with O'Brien and spaces", () => {
  const text = renderHook(pwsh, HOOKS.pwsh, {
    node: "C:\\Program Files\\nodejs\\node.exe",
    aim: "C:\\Users\\O\u2019Brien's\\aim\\dist\\cli.js",
  });
  assert.ok(text.includes("& 'C:\\Program Files\\nodejs\\node.exe' 'C:\\Users\\O\u2019\u2019Brien''s\\aim\\dist\\cli.js' @args"));
  assert.not.match(text, /\{\{/);
});
code("wraps prompt once, keeps $? and $LASTEXITCODE, calls hook-env with its PID", () => {
  const t = HOOKS.pwsh;
  assert.match(t, /if \(-not \$global:__aim_prompt\) \{\n {2}\$global:__aim_prompt = \$function:prompt/);
  assert.match(t, /\$exitCode = \$global:LASTEXITCODE[\s\S]*__aim_hook[\s\S]*\$global:LASTEXITCODE = \$exitCode/);
  assert.match(t, /__aim_run hook-env pwsh \$PID \$dir/);
});
code("hook-env output: earlier values wait in $global: variables, never in $env:", () => {
  const target: Target = { file: "C:\\p\\.aimrc", candidate: "C:\\p\\.aimrc", values: new Map([["K", "it's\r\nnew"]]), warnings: [] };
  const load = hookEnv(pwsh, EMPTY_STATE, target, {}, { marker: "C:\\m", stamp: "C:\\s" }).code;
  assert.ok(load.includes("if (Test-Path -LiteralPath Env:K) { $global:__aim_prev_K = $env:K };"));
  assert.not.match(load, /\$env:__aim_prev/);
  const unload = hookEnv(
    pwsh,
    { file: "C:\\p\\.aimrc", keys: ["K"], said: [] },
    { file: null, candidate: null, values: new Map(), warnings: [] },
    {},
    { marker: "m", stamp: "s" },
  ).code;
  assert.match(
    unload,
    /\$env:K = \$global:__aim_prev_K; Remove-Variable -Scope Global -Name __aim_prev_K \} else \{ Remove-Item -LiteralPath Env:K/,
  );
  assert.ok(unload.includes("Remove-Item -LiteralPath Env:__aim_state"));
});
code.run();
