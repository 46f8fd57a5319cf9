// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { SHELLS, defaultShell, shellByName } from "../../src/shells/index.js";

const pwsh = suite("pwsh quoting (PowerShell is not installable here: rules checked as text)");
pwsh("doubles every kind of single quote PowerShell recognises", () => {
  assert.is(SHELLS.pwsh.quote("O'Brien"), "'O''Brien'");
  assert.is(SHELLS.pwsh.quote("a\u2019b"), "'a\u2019\u2019b'");
  assert.is(SHELLS.pwsh.quote("$env:HOME `n"), "'$env:HOME `n'");
});
pwsh("exports and removes through Env:", () => {
  assert.is(SHELLS.pwsh.exportVar("K", "v"), "$env:K = 'v';");
  assert.match(SHELLS.pwsh.unsetVar("K"), /^Remove-Item -LiteralPath Env:K/);
});
pwsh.run();

const table = suite("shell table");
table("finds shells by name and alias, rejects others", () => {
  assert.is(shellByName("powershell").name, "pwsh");
  assert.throws(() => shellByName("tcsh"), /unknown shell/);
});
table("defaults from $SHELL, else bash", () => {
  assert.is(defaultShell({ SHELL: "/usr/bin/fish" }).name, "fish");
  assert.is(defaultShell({ SHELL: "/bin/tcsh" }).name, "bash");
  assert.is(defaultShell({}).name, "bash");
});
table("posix and fish quotes are single-quoted literals", () => {
  assert.is(SHELLS.bash.quote("it's"), `'it'\\''s'`);
  assert.is(SHELLS.fish.quote("a\\'b"), `'a\\\\\\'b'`);
});
table.run();
