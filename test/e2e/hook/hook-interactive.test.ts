// aim's hook in real interactive bash, zsh and fish, typed into through tmux as a person
// would: cd around, allow, edit, reload, and read variables back through files the shell
// writes itself.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, succeeds } from "../../helpers/cli.js";
import { DIALECT, HOOK_SHELLS, withShell } from "../../helpers/hook-shells.js";

function world() {
  const sb = sandbox();
  const work = join(sb.dir, "work");
  for (const [key, value] of [
    ["AIM_T_A", "va"],
    ["AIM_T_B", "vb"],
    ["AIM_T_C", "vc"],
  ] as const) {
    const r = sb.aim(["secrets", "set", key], { input: value });
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "");
  }
  const project = (name: string, keys: string[], allow: boolean) => {
    mkdirSync(join(work, name), { recursive: true });
    writeFileSync(join(work, name, ".aimrc"), `keys: [${keys.join(", ")}]\n`);
    if (allow) assert.is(sb.aim(["allow"], { cwd: join(work, name) }).code, 0);
  };
  project("proj-a", ["AIM_T_A", "AIM_T_B"], true);
  project("proj-b", ["AIM_T_B", "AIM_T_C", "AIM_T_MISSING"], true);
  project("untrusted", ["AIM_T_A"], false);
  mkdirSync(join(work, "proj-a", "sub", "deeper"), { recursive: true });
  return { sb, work };
}

const scenario = suite("hook scenario in interactive shells (tmux)");
for (const shell of HOOK_SHELLS) {
  scenario(`${shell}: load, sub-folder, leave and restore, switch, refuse, allow, $?, edit, reload`, async () => {
    const { sb, work } = world();
    await withShell(shell, sb, { cwd: work, env: { AIM_T_A: "before-a" } }, async (sh) => {
      const values = async (...names: string[]) => {
        const got: string[] = [];
        for (const n of names) got.push(await sh.value(n));
        return got;
      };
      assert.equal(await values("AIM_T_A", "AIM_T_B"), ["before-a", "<unset>"], "outside any project");

      // (a) entering loads, with a status line
      await sh.run("cd proj-a");
      assert.equal(await values("AIM_T_A", "AIM_T_B"), ["va", "vb"], "(a) entering proj-a loads its keys");
      assert.is(sh.term.count("aim: +AIM_T_A +AIM_T_B"), 1, "(a) status line");

      // (b) a sub-folder changes nothing, and idle prompts start no aim process
      const stamp = sh.markerStamp();
      await sh.run("cd sub/deeper");
      await sh.run("");
      await sh.run("");
      assert.equal(await values("AIM_T_A", "AIM_T_B"), ["va", "vb"], "(b) sub-folder keeps the keys");
      assert.is(sh.markerStamp(), stamp, "(b) no aim process for a sub-folder or an idle prompt");

      // (c) leaving unsets and restores the earlier value
      await sh.run("cd ../../..");
      assert.equal(await values("AIM_T_A", "AIM_T_B"), ["before-a", "<unset>"], "(c) leaving restores");
      assert.is(sh.term.count("aim: -AIM_T_A -AIM_T_B"), 1, "(c) status line");

      // (d) straight from one project into another switches the set
      // zsh (chpwd) and fish (PWD) load during the cd itself; bash at the next prompt
      const out = join(sb.dir, `same-line-${shell}`);
      await sh.run(`cd proj-a && ${DIALECT[shell].dump("AIM_T_A", out)}`);
      assert.is(readFileSync(out, "utf8"), shell === "bash" ? "before-a" : "va", "cd project && command");
      await sh.run("cd ../proj-b");
      assert.equal(await values("AIM_T_A", "AIM_T_B", "AIM_T_C"), ["before-a", "vb", "vc"], "(d) switched to proj-b");
      assert.is(sh.term.count("aim: -AIM_T_A +AIM_T_C"), 1, "(d) only the differences are reported");
      assert.is(sh.term.count("aim: missing AIM_T_MISSING; add it with: aim secrets set AIM_T_MISSING"), 1, "(d) missing key named");

      // (e) an untrusted file exports nothing and says so once
      await sh.run("cd ../untrusted");
      await sh.run("");
      await sh.run("");
      assert.equal(await values("AIM_T_A", "AIM_T_B", "AIM_T_C"), ["before-a", "<unset>", "<unset>"], "(e) refused");
      assert.is(sh.term.count("untrusted/.aimrc is not allowed. Review it, then run: aim allow"), 1, "(e) said once");

      // (f) aim allow loads at the next prompt without leaving
      await sh.run("aim allow");
      assert.equal(await values("AIM_T_A"), ["va"], "(f) loaded after aim allow");

      // (g) the hook keeps $?, both idle and when it runs aim
      await sh.run("sh -c 'exit 7'");
      assert.is(sh.promptStatus(), "7", "(g) the prompt sees $? after an idle hook");
      assert.is(await sh.lastStatus(), "7", "(g) so does the next command");
      await sh.run("cd ../proj-a; sh -c 'exit 3'");
      assert.is(sh.promptStatus(), "3", "(g) the prompt sees $? after the hook ran aim");
      assert.is(await sh.lastStatus(), "3", "(g) so does the next command");
      assert.equal(await values("AIM_T_A", "AIM_T_B"), ["va", "vb"]);

      // (h) editing the governing file is noticed at the next prompt: trust is revoked
      await sh.run("printf 'keys: [AIM_T_A, AIM_T_C]\\n' > .aimrc");
      assert.equal(await values("AIM_T_A", "AIM_T_B", "AIM_T_C"), ["before-a", "<unset>", "<unset>"], "(h) edit revokes");
      assert.is(sh.term.count("proj-a/.aimrc changed since it was allowed. Review it, then run: aim allow"), 1, "(h) said");
      await sh.run("aim allow");
      assert.equal(await values("AIM_T_A", "AIM_T_B", "AIM_T_C"), ["va", "<unset>", "vc"], "(h) the edited set after allow");

      // touching the file or aim reload asks aim again, quietly when nothing changed
      const lines = sh.term.count("aim: ");
      const before = sh.markerStamp();
      await sh.run("touch .aimrc");
      const touched = sh.markerStamp();
      assert.ok(touched > before, "touching .aimrc reloads");
      await sh.run("aim reload");
      assert.ok(sh.markerStamp() > touched, "aim reload reloads");
      assert.equal(await values("AIM_T_A", "AIM_T_C"), ["va", "vc"]);
      assert.is(sh.term.count("aim: "), lines, "silent when nothing changed");
    });
  });
}
scenario.run();

const names = suite("hostile folder names in interactive shells (tmux)");
const FOLDERS = ["dir with space", "$test", "ключ ü 🔑"];
for (const shell of HOOK_SHELLS) {
  names(`${shell}: a space, $test and unicode in the project's path`, async () => {
    const { sb, work } = world();
    for (const folder of FOLDERS) {
      mkdirSync(join(work, folder, "inner"), { recursive: true });
      writeFileSync(join(work, folder, ".aimrc"), "keys: [AIM_T_C]\n");
      succeeds(sb.aim(["allow"], { cwd: join(work, folder) }));
    }
    await withShell(shell, sb, { cwd: work }, async (sh) => {
      for (const folder of FOLDERS) {
        await sh.run(`cd ${DIALECT[shell].quote(folder)}`);
        assert.is(await sh.value("AIM_T_C"), "vc", `loaded in ${folder}`);
        const stamp = sh.markerStamp();
        await sh.run("cd inner");
        assert.is(sh.markerStamp(), stamp, `no aim process for a sub-folder of ${folder}`);
        await sh.run("cd ../..");
        assert.is(await sh.value("AIM_T_C"), "<unset>", `unloaded after ${folder}`);
      }
      assert.is(sh.term.count("aim: +AIM_T_C"), FOLDERS.length);
      assert.is(sh.term.count("aim: -AIM_T_C"), FOLDERS.length);
    });
  });
}
names.run();
