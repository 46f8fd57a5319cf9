// @both-backends
// What makes an idle shell ask aim again, run as the prompt would run the hook: a new
// value stored with aim secrets set, aim deny, and the governing file disappearing.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, succeeds } from "../helpers/cli.js";
import { DIALECT, HOOK_SHELLS, type HookShell } from "../helpers/hook-shells.js";
import { requireTool } from "../helpers/tools.js";

const cmd = `'${process.execPath}' '${AIM}'`;
const LOAD: Record<HookShell, [string[], string]> = {
  bash: [["--norc", "--noprofile", "-c"], `set -u; eval "$(${cmd} hook bash)"`],
  zsh: [["-f", "-c"], `setopt nounset; eval "$(${cmd} hook zsh)"`],
  fish: [["--no-config", "-c"], `${cmd} hook fish | source`],
};

/** A sandbox with AIM_T_K = "one" and an allowed project that needs it. */
function oneKeyProject(shell: HookShell) {
  requireTool(shell);
  const sb = sandbox();
  const project = join(sb.dir, "work", "p");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, ".aimrc"), "keys: [AIM_T_K]\n");
  succeeds(sb.aim(["secrets", "set", "AIM_T_K"], { input: "one" }));
  succeeds(sb.aim(["allow"], { cwd: project }));
  return { sb, project };
}

const triggers = suite("what makes the hook ask aim again");
for (const shell of HOOK_SHELLS) {
  triggers(`${shell}: secrets set swaps the value, deny unloads, allow reloads, a deleted .aimrc unloads`, () => {
    const { sb, project } = oneKeyProject(shell);
    const out = join(sb.dir, "out");
    mkdirSync(out);
    const dump = (tag: string) => DIALECT[shell].dump("AIM_T_K", join(out, tag));
    const script = [
      LOAD[shell][1],
      `cd ${DIALECT[shell].quote(project)}`,
      "__aim_hook",
      dump("loaded"),
      `printf two | ${cmd} secrets set AIM_T_K 2>/dev/null`,
      "__aim_hook",
      dump("set"),
      `${cmd} deny 2>/dev/null`,
      "__aim_hook",
      dump("denied"),
      `${cmd} allow 2>/dev/null`,
      "__aim_hook",
      dump("allowed"),
      "rm .aimrc",
      "__aim_hook",
      dump("deleted"),
    ].join("\n");
    const r = spawnSync(shell, [...LOAD[shell][0], script], { env: sb.env, cwd: sb.dir, encoding: "utf8" });
    assert.is(r.status, 0, r.stderr);
    const read = (tag: string) => readFileSync(join(out, tag), "utf8");
    assert.equal(["loaded", "set", "denied", "allowed", "deleted"].map(read), ["one", "two", "<unset>", "two", "<unset>"], r.stderr);
    assert.match(r.stderr, /^aim: ~AIM_T_K$/m);
    assert.match(r.stderr, /p\/\.aimrc is denied\. To trust it after all, run: aim allow$/m);
  });
}
triggers.run();

const FAIL_RUN: Record<HookShell, string> = {
  bash: "__aim_run() { return 1; }",
  zsh: "__aim_run() { return 1; }",
  fish: "function __aim_run; return 1; end",
};
const retry = suite("a run of aim that fails is tried again at the next prompt");
for (const shell of HOOK_SHELLS) {
  retry(`${shell}: keys load once aim can run again, without another cd`, () => {
    const { sb, project } = oneKeyProject(shell);
    const out = join(sb.dir, "out");
    // The first run succeeds outside the project, so the shell has a marker to compare with.
    const script = [
      LOAD[shell][1],
      "__aim_hook",
      FAIL_RUN[shell],
      `cd ${DIALECT[shell].quote(project)}`,
      "__aim_hook",
      LOAD[shell][1],
      "__aim_hook",
      DIALECT[shell].dump("AIM_T_K", out),
    ];
    const r = spawnSync(shell, [...LOAD[shell][0], script.join("\n")], { env: sb.env, cwd: sb.dir, encoding: "utf8" });
    assert.is(r.status, 0, r.stderr);
    assert.is(readFileSync(out, "utf8"), "one");
  });
}
retry.run();
