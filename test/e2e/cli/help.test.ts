import { suite } from "uvu";
import * as assert from "uvu/assert";
import { allSpecs, COMMANDS } from "../../../src/commands/registry.js";
import { sandbox, expectRun } from "../../helpers/cli.js";

// Help is rendered from the specs: walk every one the registry has, as a user would.
const { aim } = sandbox();
const visible = allSpecs().filter((e) => !e.spec.hidden);

const each = suite("aim <command> --help, for every command and subcommand");
each("prints the command's help on stdout, exit 0, nothing on stderr", () => {
  for (const { path, spec } of visible) {
    const r = aim([...path, "--help"]);
    const where = path.join(" ");
    assert.is(r.code, 0, where);
    assert.is(r.stderr, "", where);
    assert.ok(
      r.stdout.startsWith(`Usage: aim ${where} `) || r.stdout.startsWith(`Usage: aim ${where}\n`),
      `${where}: ${r.stdout.slice(0, 60)}`,
    );
    if (spec.subcommands) {
      for (const sub of spec.subcommands.filter((s) => !s.hidden))
        assert.match(r.stdout, new RegExp(`^  ${sub.name}\\b`, "m"), `${where} lists ${sub.name}`);
      assert.match(r.stdout, new RegExp(`Run aim ${where} <command> --help for its options\\.\\n$`));
    } else {
      for (const name of Object.keys(spec.options ?? {}))
        assert.match(r.stdout, new RegExp(`^  (-\\w, )?--${name}\\b`, "m"), `${where} --${name}`);
      assert.match(r.stdout, /^ {2}-h, --help {2,}show this help$/m, where);
    }
    expectRun(aim([...path, "-h"]), { code: 0, stdout: r.stdout, stderr: "" }, `${where} -h`);
  }
});
each("aim help <command> prints the same, for every command and subcommand", () => {
  for (const { path } of visible) {
    const r = aim(["help", ...path]);
    assert.is(r.code, 0, path.join(" "));
    assert.is(r.stderr, "");
    assert.is(r.stdout, aim([...path, "--help"]).stdout, path.join(" "));
  }
});
each("a group with no command: its help on stderr, exit 2; aim secrets help set works too", () => {
  for (const { path } of visible.filter((e) => e.spec.subcommands)) {
    const r = aim([...path]);
    assert.is(r.code, 2, path.join(" "));
    assert.is(r.stdout, "");
    assert.is(r.stderr, aim([...path, "--help"]).stdout);
  }
  const sub = aim(["secrets", "help", "set"]);
  assert.is(sub.code, 0);
  assert.is(sub.stdout, aim(["secrets", "set", "--help"]).stdout);
  assert.is(sub.stderr, "");
});
each.run();

const top = suite("the top-level help");
top("aim help exec is exec's help, not the top-level one", () => {
  const r = aim(["help", "exec"]);
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.match(r.stdout, /^Usage: aim exec \[options\] -- <command> \[args\.\.\.\]\n/);
  assert.match(r.stdout, /^ {2}--keys K1,K2 +also require these keys/m);
  assert.match(r.stdout, /^Exit codes: the command's own; 125 aim failed/m);
  const nested = aim(["help", "secrets", "set"]);
  assert.is(nested.code, 0);
  assert.is(nested.stderr, "");
  assert.match(nested.stdout, /^Usage: aim secrets set KEY \[VALUE\] \[options\]\n/);
});
top("aim --help lists every visible command from the registry, none of the hidden ones", () => {
  const r = aim(["--help"]);
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.match(r.stdout, /^Usage: aim <command> \[options\]\n/);
  for (const spec of COMMANDS) {
    const listed = new RegExp(`^  ${spec.name}\\b`, "m").test(r.stdout);
    assert.is(listed, !spec.hidden, spec.name);
  }
  assert.match(r.stdout, /^ {2}secrets set\|get\|list\|delete\|export\|import\|migrate\n {44}manage the stored keys$/m);
  expectRun(aim(["help"]), { code: 0, stdout: r.stdout, stderr: "" });
  expectRun(aim(["-h"]), { code: 0, stdout: r.stdout, stderr: "" });
});
top("aim alone: the help on stderr, exit 2", () => {
  const r = aim([]);
  assert.is(r.code, 2);
  assert.is(r.stdout, "");
  assert.is(r.stderr, aim(["--help"]).stdout);
});
top("aim help with an unknown command: did you mean, exit 2", () => {
  const r = aim(["help", "exce"]);
  assert.is(r.code, 2);
  assert.is(r.stdout, "");
  assert.is(r.stderr, 'aim: unknown command "exce". Did you mean: aim exec?\n');
  const sub = aim(["help", "secrets", "lst"]);
  assert.is(sub.code, 2);
  assert.is(sub.stdout, "");
  assert.is(sub.stderr, 'aim: unknown command "secrets lst". Did you mean: aim secrets list?\n');
});
top.run();
