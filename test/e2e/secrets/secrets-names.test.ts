// @both-backends
// Names that change how programs start. secrets set and import refuse
// the shell hook's own __aim* names always, and the loader and shell-control variables
// (docs/secrets.md's list) unless --force; a refusal stores nothing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox } from "../../helpers/cli.js";

const CONTROL = [
  "PATH",
  "LD_PRELOAD",
  "LD_LIBRARY_PATH",
  "DYLD_INSERT_LIBRARIES",
  "NODE_OPTIONS",
  "BASH_ENV",
  "ENV",
  "PROMPT_COMMAND",
  "IFS",
  "PS4",
  "ZDOTDIR",
  "fish_function_path",
  "_",
];
const HOOK = ["__aim_state", "__aim_prev_K1", "__aimX"];

const listed = (aim: ReturnType<typeof sandbox>["aim"]) => {
  const r = aim(["secrets", "list", "--json"]);
  assert.is(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as Array<{ name: string }>).map((e) => e.name);
};

const set = suite("aim secrets set: names that change how programs start");
set("each control variable is refused without --force, and stored with it", () => {
  const { aim } = sandbox();
  for (const name of CONTROL) {
    const r = aim(["secrets", "set", name], { input: "x" });
    assert.is(r.code, 1, `${name}: ${r.stderr}`);
    assert.is(r.stdout, "");
    assert.is(
      r.stderr,
      `aim: ${name} changes how programs start or how a shell behaves; nothing was stored. If you mean it, run again with --force: aim secrets set ${name} --force\n`,
    );
  }
  assert.equal(listed(aim), []);
  const forced = aim(["secrets", "set", "NODE_OPTIONS", "--force"], { input: "--max-old-space-size=64" });
  assert.is(forced.code, 0, forced.stderr);
  assert.is(forced.stdout, "");
  assert.match(forced.stderr, /^aim: stored NODE_OPTIONS in the /);
  assert.equal(listed(aim), ["NODE_OPTIONS"]);
});
set("the hook's own __aim names are refused even with --force", () => {
  const { aim } = sandbox();
  for (const name of HOOK) {
    const r = aim(["secrets", "set", name, "--force"], { input: "x" });
    assert.is(r.code, 1, `${name}: ${r.stderr}`);
    assert.is(r.stdout, "");
    assert.is(
      r.stderr,
      `aim: ${name}: names starting with __aim are the shell hook's own; nothing was stored. Store the key under another name\n`,
    );
  }
  assert.equal(listed(aim), []);
});
set("ordinary names are untouched", () => {
  const { aim } = sandbox();
  for (const name of ["PATH_TOKEN", "MY_PATH", "_TOKEN", "aim_key"]) assert.is(aim(["secrets", "set", name], { input: "x" }).code, 0, name);
});
set.run();

const imp = suite("aim secrets import: a stranger's .env cannot plant them");
imp("one control name refuses the whole file; --force imports it; __aim never", () => {
  const { aim, dir } = sandbox();
  const env = join(dir, "stranger.env");
  writeFileSync(env, "GOOD=one\nPROMPT_COMMAND='echo pwned'\nLD_PRELOAD=/tmp/x.so\n");
  const r = aim(["secrets", "import", env]);
  assert.is(r.code, 1, r.stderr);
  assert.is(r.stdout, "");
  assert.is(
    r.stderr,
    `aim: ${env}: PROMPT_COMMAND, LD_PRELOAD change how programs start or how a shell behaves; nothing was stored. If you mean it, run again with --force: aim secrets import ${env} --force\n`,
  );
  assert.equal(listed(aim), []);
  const forced = aim(["secrets", "import", env, "--force"]);
  assert.is(forced.code, 0, forced.stderr);
  assert.is(forced.stdout, "");
  assert.equal(listed(aim).sort(), ["GOOD", "LD_PRELOAD", "PROMPT_COMMAND"]);
  writeFileSync(env, "OTHER=two\n__aim_state={}\n");
  const hook = aim(["secrets", "import", env, "--force"]);
  assert.is(hook.code, 1, hook.stderr);
  assert.is(hook.stdout, "");
  assert.match(hook.stderr, /^aim: .*stranger\.env: __aim_state: names starting with __aim are the shell hook's own; nothing was stored/);
  assert.not.ok(listed(aim).includes("OTHER"));
});
imp.run();
