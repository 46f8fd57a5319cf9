// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseInput, splitCommand, takesValue } from "../../src/cli/args.js";
import { allSpecs, COMMANDS } from "../../src/commands/registry.js";
import { findSpec } from "../../src/cli/spec.js";
import { exec } from "../../src/commands/exec.spec.js";
import { usageLine } from "../../src/cli/usage.js";
import { AimError } from "../../src/errors.js";

const specs = suite("the command specs");
specs("allSpecs lists every command and subcommand, parents first, with its path", () => {
  const paths = allSpecs().map((e) => e.path.join(" "));
  for (const p of ["exec", "secrets", "secrets set", "secrets migrate", "vault unlock", "hook-env"]) assert.ok(paths.includes(p), p);
  assert.ok(paths.indexOf("secrets") < paths.indexOf("secrets set"));
  assert.is(new Set(paths).size, paths.length, "no path twice");
});
specs("every spec is complete: a summary, code or subcommands, described options", () => {
  for (const { path, spec } of allSpecs()) {
    const where = path.join(" ");
    assert.ok(/^[a-z"(]/.test(spec.summary) && !spec.summary.endsWith("."), `${where}: summary in the house form`);
    assert.ok(Boolean(spec.load) !== Boolean(spec.subcommands), `${where}: code or subcommands, not both`);
    const shorts = new Set<string>(["h"]);
    for (const [name, o] of Object.entries(spec.options ?? {})) {
      assert.ok(o.description.length > 0, `${where} --${name}: described`);
      assert.ok(o.type === "string" || o.value === undefined, `${where} --${name}: a value name on a boolean`);
      if (o.short) {
        assert.not.ok(shorts.has(o.short), `${where} -${o.short}: short flag twice`);
        shorts.add(o.short);
      }
    }
    const positionals = spec.positionals ?? [];
    for (const [i, p] of positionals.entries())
      assert.ok(!p.variadic || i === positionals.length - 1, `${where} ${p.name}: variadic only last`);
  }
});
specs("names and aliases are unique among siblings", () => {
  const check = (list: typeof COMMANDS, where: string) => {
    const words = list.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
    assert.is(new Set(words).size, words.length, where);
    for (const s of list) if (s.subcommands) check(s.subcommands, s.name);
  };
  check(COMMANDS, "top level");
  assert.is(findSpec(COMMANDS.find((s) => s.name === "secrets")?.subcommands ?? [], "ls")?.name, "list");
});
specs("usage lines come from the spec", () => {
  const at = (path: string[]) => {
    const entry = allSpecs().find((e) => e.path.join(" ") === path.join(" "));
    if (!entry) throw new Error(`no spec for ${path.join(" ")}`);
    return usageLine(path, entry.spec);
  };
  assert.is(at(["exec"]), "aim exec [options] -- <command> [args...]");
  assert.is(at(["run"]), "aim run [options] <tool> [args...]");
  assert.is(at(["secrets", "set"]), "aim secrets set KEY [VALUE] [options]");
  assert.is(at(["secrets", "export"]), "aim secrets export [KEY...] [options]");
  assert.is(at(["secrets", "migrate"]), "aim secrets migrate --to file|keyring [--force]");
  assert.is(at(["hook"]), "aim hook <bash|zsh|fish|pwsh>");
  assert.is(at(["secrets"]), "aim secrets <command> [options]");
});
specs.run();

const split = suite("exec's -- split, from its spec");
split("the flags that take a value are the string options", () => {
  assert.equal([...takesValue(exec.options ?? {})].sort(), ["--keys", "--only", "--profile"]);
});
split("aim's options end at -- or the first word that is not one", () => {
  const values = takesValue(exec.options ?? {});
  assert.equal(splitCommand(["--", "ls", "--", "-x"], values), [[], ["ls", "--", "-x"]]);
  assert.equal(splitCommand(["--keys", "A", "--mask", "env", "--mask"], values), [
    ["--keys", "A", "--mask"],
    ["env", "--mask"],
  ]);
  assert.equal(splitCommand(["--keys", "--", "x"], values), [["--keys", "--"], ["x"]], "a value that looks like --");
  assert.equal(splitCommand(["--mask"], values), [["--mask"], []]);
});
split("`aim exec -- cmd` parses no option at all", () => {
  assert.equal(parseInput(exec, ["exec"], ["--", "true", "--frob"]), { values: {}, positionals: ["true", "--frob"] });
  assert.equal(parseInput(exec, ["exec"], ["--keys", "A,B", "--", "env"]), { values: { keys: "A,B" }, positionals: ["env"] });
  assert.is(parseInput(exec, ["exec"], ["--help"]), undefined, "help");
});
split("bad options are usage errors that point at the command's help", () => {
  const err = (args: string[]) => {
    try {
      parseInput(exec, ["exec"], args);
    } catch (e) {
      assert.instance(e, AimError);
      return `${(e as AimError).message} | ${(e as AimError).hint}`;
    }
    throw new Error("expected a usage error");
  };
  assert.is(err(["--frobnicate", "--", "true"]), 'unknown option "--frobnicate" | see: aim exec --help');
  assert.is(err(["--mak", "--", "true"]), 'unknown option "--mak" | did you mean: --mask? See: aim exec --help');
  assert.is(err(["--keys"]), "option '--keys <value>' argument missing | see: aim exec --help");
  assert.is(err(["--mask"]), "no command given | usage: aim exec [options] -- <command> [args...]");
});
split.run();
