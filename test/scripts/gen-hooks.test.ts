// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
// One list of project-file names: the hook bodies take it from the TypeScript at build time
// (scripts/gen-hooks.mjs), and every shell tests for a regular file, as aim does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { SEARCH_PLACES } from "../../src/project/search-places.js";
import { HOOKS } from "../../src/shells/hooks.js";
import { SHELLS } from "../../src/shells/index.js";
import { ROOT } from "../helpers/cli.js";

// How each shell's hook asks "is this a regular file?" in its search loop.
const IS_FILE: Record<keyof typeof SHELLS, RegExp> = {
  bash: /if \[\[ -f \$dir\/\$name \]\]/,
  zsh: /if \[\[ -f \$dir\/\$name \]\]/,
  fish: /if builtin test -f "\$dir\/\$name"/,
  pwsh: /Test-Path -LiteralPath \$candidate -PathType Leaf/,
};

const gen = suite("hook bodies take the project-file names from the TypeScript");
for (const shell of Object.values(SHELLS)) {
  gen(`${shell.name}: shell/${shell.hookFile} names no project file by hand; the body lists SEARCH_PLACES in order`, () => {
    const source = readFileSync(join(ROOT, "shell", shell.hookFile), "utf8");
    assert.ok(source.includes("{{SEARCH_PLACES}}"), "the template takes the list from gen-hooks");
    for (const name of SEARCH_PLACES.filter((n) => n !== ".aimrc")) assert.not.ok(source.includes(name), `${shell.hookFile} names ${name}`);
    const body = HOOKS[shell.name];
    assert.ok(body.includes(shell.list(SEARCH_PLACES)), "the generated body holds the list");
    assert.not.match(body, /\{\{SEARCH_PLACES\}\}/);
    assert.equal(body.match(/\{\{[A-Z_]+\}\}/g)?.sort(), ["{{AIM}}", "{{NODE}}"], "only the run-time placeholders are left");
  });
  gen(`${shell.name}: the search loop and the governing-file check test for a file, not mere existence`, () => {
    const body = HOOKS[shell.name];
    assert.match(body, IS_FILE[shell.name]);
    assert.not.match(body, /-e \$dir|test -e "\$dir|-e "\$__aim_gov"|! -e \$__aim_gov/);
  });
}
gen("each shell renders the list as words its loop takes", () => {
  assert.is(SHELLS.bash.list(["a", "b c"]), "'a' 'b c'");
  assert.is(SHELLS.fish.list(["a", "b'c"]), "'a' 'b\\'c'");
  assert.is(SHELLS.pwsh.list(["a", "b"]), "'a', 'b'");
});
gen.run();
