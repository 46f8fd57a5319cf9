// The hook must notice a symlinked .aimrc switched to another target
// (ln -fs), and an older file moved over .aimrc (mv -f with an old mtime): neither makes
// the governing file newer than the shell's marker, so a check of its time alone keeps
// exporting keys from content that is no longer trusted. Real shells, typed into via tmux.
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, expectRun, succeeds } from "../../helpers/cli.js";
import { HOOK_SHELLS, withShell } from "../../helpers/hook-shells.js";

const OLD = new Date("2020-01-01T00:00:00Z");

function world() {
  const sb = sandbox();
  for (const k of ["AIM_T_A", "AIM_T_B"]) assert.is(sb.aim(["secrets", "set", k], { input: `v-${k}` }).code, 0);
  const p = join(sb.dir, "work", "p");
  mkdirSync(p, { recursive: true });
  /** `text` at `name` in p, with an mtime long before any marker. */
  const old = (name: string, text: string, dir = p) => {
    writeFileSync(join(dir, name), text);
    utimesSync(join(dir, name), OLD, OLD);
  };
  return { sb, p, old };
}

const links = suite("the hook notices a switched symlink and a file moved over .aimrc");
for (const shell of HOOK_SHELLS) {
  links(`${shell}: ln -fs to another target unloads the keys; allowing it loads the new ones`, async () => {
    const { sb, p, old } = world();
    old("state-A", "keys: [AIM_T_A]\n");
    old("state-B", "keys: [AIM_T_B]\n");
    await withShell(shell, sb, { cwd: join(sb.dir, "work") }, async (sh) => {
      await sh.run(`ln -s ./state-A ${join(p, ".aimrc")}`);
      succeeds(sb.aim(["allow"], { cwd: p }));
      await sh.run("cd p");
      assert.is(await sh.value("AIM_T_A"), "v-AIM_T_A", "loaded from state-A");
      await sh.run("ln -fs ./state-B .aimrc");
      assert.is(await sh.value("AIM_T_A"), "<unset>", "the link now points at content nobody allowed");
      assert.is(await sh.value("AIM_T_B"), "<unset>");
      assert.ok(sh.term.count("changed since it was allowed") >= 1, "the hook says why");
      // The same, the other way round in status and exec: the hook agrees with them.
      expectRun(sb.aim(["status"], { cwd: p }), { code: 0, stdout: /changed: run aim allow/, stderr: "" });
      await sh.run("aim allow 2>/dev/null");
      assert.is(await sh.value("AIM_T_B"), "v-AIM_T_B", "allowed: state-B's key loads");
    });
  });
  links(`${shell}: mv -f of an older file over .aimrc unloads the keys`, async () => {
    const { sb, p, old } = world();
    old(".aimrc", "keys: [AIM_T_A]\n");
    succeeds(sb.aim(["allow"], { cwd: p }));
    await withShell(shell, sb, { cwd: p }, async (sh) => {
      assert.is(await sh.value("AIM_T_A"), "v-AIM_T_A");
      const stash = join(sb.dir, "stash");
      mkdirSync(stash);
      old("old", "keys: [AIM_T_B]\n", stash);
      await sh.run(`mv -f ${join(stash, "old")} .aimrc`);
      assert.is(await sh.value("AIM_T_A"), "<unset>", "the moved-in content was never allowed");
      assert.is(await sh.value("AIM_T_B"), "<unset>");
      assert.ok(sh.term.count("changed since it was allowed") >= 1, "the hook says why");
    });
  });
  links(`${shell}: a target in another folder, replaced there by an older file, is noticed too`, async () => {
    const { sb, p, old } = world();
    const shared = join(sb.dir, "shared");
    mkdirSync(shared);
    old("rc", "keys: [AIM_T_A]\n", shared);
    await withShell(shell, sb, { cwd: join(sb.dir, "work") }, async (sh) => {
      await sh.run(`ln -s ${join(shared, "rc")} ${join(p, ".aimrc")}`);
      succeeds(sb.aim(["allow"], { cwd: p }));
      await sh.run("cd p");
      assert.is(await sh.value("AIM_T_A"), "v-AIM_T_A");
      old("rc.new", "keys: [AIM_T_B]\n", shared);
      await sh.run(`mv -f ${join(shared, "rc.new")} ${join(shared, "rc")}`);
      assert.is(await sh.value("AIM_T_A"), "<unset>");
    });
  });
}
links.run();
