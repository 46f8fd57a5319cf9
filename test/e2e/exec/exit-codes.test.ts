import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type Result, sandbox } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

// One case per class of the error table (src/errors.ts), in and out of the wrappers.
const expect = (r: Result, code: number, stderr: string | RegExp, where: string) => {
  assert.is(r.code, code, `${where}: ${r.stderr}`);
  assert.is(r.stdout, "", where);
  if (typeof stderr === "string") assert.is(r.stderr, stderr, where);
  else assert.match(r.stderr, stderr, where);
};

const wrapper = suite("under aim exec and aim run: every failure of aim itself is 125");
wrapper("an unknown option: one aim: line naming aim exec --help", () => {
  const { aim } = sandbox();
  expect(aim(["exec", "--frobnicate", "--", "true"]), 125, 'aim: unknown option "--frobnicate". See: aim exec --help\n', "exec");
  expect(aim(["run", "--frobnicate", "claude"]), 125, 'aim: unknown option "--frobnicate". See: aim run --help\n', "run");
});
wrapper("a bad key name in --keys: one aim: line naming the fix", () => {
  const { aim } = sandbox();
  expect(
    aim(["exec", "--keys", "1BAD", "--", "true"]),
    125,
    'aim: "1BAD" is not an environment variable name. Use letters, digits and _ only, not starting with a digit (e.g. OPENAI_API_KEY)\n',
    "--keys 1BAD",
  );
});
wrapper("a damaged trust.json: one aim: line naming the file and the fix", () => {
  const { aim, dir, env } = sandbox();
  layout(join(dir, "work"), { ".aimrc": "keys: [AIM_T_ONE]\n" });
  layout(env.AIM_DATA_DIR as string, { "trust.json": "garbage{" });
  const trust = join(env.AIM_DATA_DIR as string, "trust.json");
  const line = `aim: ${trust} is damaged (not valid JSON). Run aim allow (in the project to trust) to rebuild it (it moves the damaged file aside first; every other project then needs aim allow once more), or restore a good copy\n`;
  expect(aim(["exec", "--", "true"]), 125, line, "exec");
  expect(aim(["status"]), 1, line, "the same outside a wrapper: 1");
});
wrapper("usage (no command, no tool), a missing key, an unknown tool: 125", () => {
  const { aim } = sandbox();
  expect(aim(["exec", "--"]), 125, "aim: no command given. Usage: aim exec [options] -- <command> [args...]\n", "no command");
  expect(aim(["run"]), 125, "aim: no tool given. Usage: aim run [options] <tool> [args...]\n", "no tool");
  expect(
    aim(["exec", "--keys", "AIM_T_ABSENT", "--", "true"], { env: { AIM_T_ABSENT: undefined } }),
    125,
    /^aim: missing AIM_T_ABSENT .*aim secrets set AIM_T_ABSENT\n$/,
    "missing key",
  );
  expect(aim(["run", "nosuchtool"]), 125, /^aim: no tool named "nosuchtool" in the registry\. Known tools: /, "unknown tool");
});
wrapper("the command's own problems: 127 not found, 126 not executable", () => {
  const { aim, dir } = sandbox();
  expect(
    aim(["exec", "--", "aim-no-such-command"]),
    127,
    "aim: command not found: aim-no-such-command. Check the name and your PATH\n",
    "127",
  );
  writeFileSync(join(dir, "work", "script.sh"), "#!/bin/sh\n", { mode: 0o644 });
  expect(
    aim(["exec", "--", "./script.sh"]),
    126,
    "aim: ./script.sh cannot be executed (EACCES). Make it executable: chmod +x ./script.sh\n",
    "126",
  );
});
wrapper.run();

const elsewhere = suite("elsewhere: usage errors exit 2, other failures 1");
elsewhere("usage: a missing or extra argument, an unknown option", () => {
  const { aim } = sandbox();
  expect(aim(["secrets", "get"]), 2, "aim: missing KEY. Usage: aim secrets get KEY [options]\n", "missing");
  expect(aim(["secrets", "delete", "A", "B"]), 2, "aim: too many arguments. Usage: aim secrets delete KEY [--profile P]\n", "extra");
  expect(aim(["hook", "tcsh"]), 2, 'aim: unknown shell "tcsh". Use one of: bash, zsh, fish, pwsh\n', "unknown shell");
  expect(aim(["status", "--frob"]), 2, 'aim: unknown option "--frob". See: aim status --help\n', "option");
});
elsewhere("failures: a bad key name, a key the store lacks", () => {
  const { aim } = sandbox();
  expect(aim(["secrets", "get", "1BAD"]), 1, /^aim: "1BAD" is not an environment variable name\. Use letters/, "bad name");
  expect(
    aim(["secrets", "delete", "AIM_T_NONE"]),
    1,
    "aim: no secret named AIM_T_NONE. See the stored keys with: aim secrets list\n",
    "not found",
  );
});
elsewhere.run();

const close = suite("did you mean");
close("a command, a subcommand, an option", () => {
  const { aim } = sandbox();
  expect(aim(["exce"]), 2, 'aim: unknown command "exce". Did you mean: aim exec?\n', "command");
  expect(aim(["secrets", "sett", "X"]), 2, 'aim: unknown command "secrets sett". Did you mean: aim secrets set?\n', "subcommand");
  expect(
    aim(["secrets", "list", "--jsn"]),
    2,
    'aim: unknown option "--jsn". Did you mean: --json? See: aim secrets list --help\n',
    "option",
  );
  expect(
    aim(["exec", "--mak", "--", "true"]),
    125,
    'aim: unknown option "--mak". Did you mean: --mask? See: aim exec --help\n',
    "exec option",
  );
  expect(aim(["vault", "unlok"]), 2, 'aim: unknown command "vault unlok". Did you mean: aim vault unlock?\n', "vault");
  expect(aim(["migr"]), 2, 'aim: unknown command "migr". See: aim --help\n', "nothing close");
  expect(aim(["--verison"]), 2, 'aim: unknown option "--verison". Did you mean: aim --version?\n', "top-level option");
});
close.run();
