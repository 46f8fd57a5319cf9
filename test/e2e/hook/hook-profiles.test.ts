// The hook with two projects on two profiles, in real interactive bash, zsh and fish
// (tmux): moving from the work project to the personal one swaps OPENAI_API_KEY's value
// (aim: ~OPENAI_API_KEY), leaving restores the value the shell had before.
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox } from "../../helpers/cli.js";
import { HOOK_SHELLS, withShell } from "../../helpers/hook-shells.js";
import { layout } from "../../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const WORK = "sk-work-hook-0123456789";
const HOME = "sk-personal-hook-9876543210";

function world() {
  const sb = sandbox();
  const set = (key: string, value: string) => assert.is(sb.aim(["secrets", "set", key], { input: value }).code, 0, key);
  set("work/OPENAI_API_KEY", WORK);
  set("work/GITHUB_TOKEN", "ghp-work-hook-token");
  set("personal/OPENAI_API_KEY", HOME);
  set("ANTHROPIC_API_KEY", "default-profile-only");
  const root = join(sb.dir, "work");
  layout(root, {
    "work-app/.aimrc": "profile: work\nkeys: [OPENAI_API_KEY]\noptional: [GITHUB_TOKEN]\n",
    "side-app/.aimrc": "keys:\n  - OPENAI_API_KEY: personal/OPENAI_API_KEY\n",
    "nobody-app/.aimrc": "profile: nobody\nkeys: [ANTHROPIC_API_KEY]\n",
  });
  for (const p of ["work-app", "side-app", "nobody-app"]) assert.is(sb.aim(["allow"], { cwd: join(root, p) }).code, 0, p);
  return { sb, root };
}

const hook = suite("hook: two projects, two profiles (tmux)");
for (const shell of HOOK_SHELLS) {
  hook(`${shell}: enter work, swap to personal, leave and restore; a missing profile key is named`, async () => {
    const { sb, root } = world();
    await withShell(shell, sb, { cwd: root, env: { OPENAI_API_KEY: "before-value" } }, async (sh) => {
      const values = async () => [await sh.value("OPENAI_API_KEY"), await sh.value("GITHUB_TOKEN")];
      assert.equal(await values(), ["before-value", "<unset>"], "outside any project");

      await sh.run("cd work-app");
      assert.equal(await values(), [WORK, "ghp-work-hook-token"], "work-app reads work/");
      assert.is(sh.term.count("aim: +OPENAI_API_KEY +GITHUB_TOKEN"), 1, "status line on entering");

      await sh.run("cd ../side-app");
      assert.equal(await values(), [HOME, "<unset>"], "side-app reads personal/OPENAI_API_KEY");
      assert.is(sh.term.count("aim: -GITHUB_TOKEN ~OPENAI_API_KEY"), 1, "the value is swapped, not unset");

      await sh.run("cd ../work-app");
      assert.equal(await values(), [WORK, "ghp-work-hook-token"], "and back");

      await sh.run("cd ..");
      assert.equal(await values(), ["before-value", "<unset>"], "leaving restores the shell's own value");

      await sh.run("cd nobody-app");
      assert.is(await sh.value("ANTHROPIC_API_KEY"), "<unset>", "no silent fallback to the default profile");
      assert.is(
        sh.term.count("aim: missing ANTHROPIC_API_KEY <- nobody/ANTHROPIC_API_KEY; add it with: aim secrets set nobody/ANTHROPIC_API_KEY"),
        1,
      );
      assert.is(sh.promptStatus(), "0");
      for (const secret of [WORK, HOME]) assert.is(sh.term.count(secret), 0, "no value on the screen");
    });
  });
}
hook.run();
