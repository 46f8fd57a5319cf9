// "An idle prompt starts no process", checked at the system-call level: strace follows the
// shell while it runs its prompt hook many times in a loaded project and in a sub-folder,
// between two files it opens as bookmarks; and in interactive shells (tmux) beside a folder
// and a FIFO named like a project file, which are not project files.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, succeeds } from "../helpers/cli.js";
import { HOOK_SHELLS, type HookShell, withShell } from "../helpers/hook-shells.js";
import { requireTool } from "../helpers/tools.js";

const sb = sandbox();
const project = join(sb.dir, "work", "idle project");
mkdirSync(join(project, "sub"), { recursive: true });
writeFileSync(join(project, ".aimrc"), "keys: [AIM_T_IDLE]\n");
const start = join(sb.dir, "IDLE-START");
const end = join(sb.dir, "IDLE-END");
const cmd = `'${process.execPath}' '${AIM}'`;

// Load once (that run starts aim), then 20 idle prompts, a cd into a sub-folder, 20 more.
const SCRIPTS: Record<HookShell, string[]> = {
  bash: [
    "--norc",
    "--noprofile",
    "-c",
    `eval "$(${cmd} hook bash)"; cd '${project}'; __aim_hook; : > '${start}'; for i in {1..20}; do __aim_hook; done; cd sub; for i in {1..20}; do __aim_hook; done; : > '${end}'; [[ $AIM_T_IDLE == v ]]`,
  ],
  zsh: [
    "-f",
    "-c",
    `eval "$(${cmd} hook zsh)"; cd '${project}'; __aim_hook; : > '${start}'; for i in {1..20}; do __aim_hook; done; cd sub; for i in {1..20}; do __aim_hook; done; : > '${end}'; [[ $AIM_T_IDLE == v ]]`,
  ],
  fish: [
    "--no-config",
    "-c",
    `${cmd} hook fish | source; cd '${project}'; __aim_hook; echo -n > '${start}'; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; __aim_hook; end; cd sub; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; __aim_hook; end; echo -n > '${end}'; test "$AIM_T_IDLE" = v`,
  ],
};

const idle = suite("idle prompts start no process (strace)");
let stored = false;
for (const shell of HOOK_SHELLS) {
  idle(`${shell}: no fork, clone or exec between the bookmarks`, () => {
    requireTool(shell);
    requireTool("strace");
    if (!stored) {
      succeeds(sb.aim(["secrets", "set", "AIM_T_IDLE"], { input: "v" }));
      succeeds(sb.aim(["allow"], { cwd: project }));
      stored = true;
    }
    const log = join(sb.dir, `strace-${shell}`);
    const r = spawnSync(
      "strace",
      ["-f", "-qq", "-s", "512", "-o", log, "-e", "trace=execve,fork,vfork,clone,clone3,openat", shell, ...SCRIPTS[shell]],
      {
        env: sb.env,
        cwd: sb.dir,
        encoding: "utf8",
      },
    );
    assert.is(r.status, 0, r.stderr);
    const lines = readFileSync(log, "utf8").split("\n");
    // -s 512: argv in full, so the aim check below does not depend on the checkout's path
    // length; the bookmarks are then looked for in openat lines only (the script holds them too).
    const from = lines.findIndex((l) => l.includes("openat(") && l.includes(start));
    const to = lines.findIndex((l) => l.includes("openat(") && l.includes(end));
    assert.ok(from > 0 && to > from, "both bookmarks seen");
    const spawned = lines.slice(from, to).filter((l) => /\b(execve|fork|vfork|clone3?)\(/.test(l));
    assert.equal(spawned, [], `${shell} started processes while idle`);
    assert.ok(
      lines.slice(0, from).some((l) => l.includes("execve(") && l.includes(AIM)),
      "the load before them did run aim",
    );
  });
}
idle.run();

// Each of these is named like a project file but is none: aim (stat().isFile()) ignores it,
// so the hook must too, or every prompt beside it starts aim to be told "no project".
const NOT_FILES: Array<[string, string, (path: string) => void]> = [
  ["a folder named .aimrc", ".aimrc", (p) => mkdirSync(p)],
  ["a FIFO named .aimrc", ".aimrc", (p) => assert.is(spawnSync("mkfifo", [p]).status, 0, "mkfifo")],
  ["a folder named package.json", "package.json", (p) => mkdirSync(p)],
];
const PROMPTS = 4;
const notFiles = suite("a folder or FIFO named like a project file starts no aim at idle prompts (tmux, strace)");
for (const shell of HOOK_SHELLS) {
  notFiles(`${shell}: ${NOT_FILES.map(([what]) => what).join(", ")}: no start; a real .aimrc still starts aim`, async () => {
    const sb = sandbox();
    const work = join(sb.dir, "work");
    NOT_FILES.forEach(([, name, make], i) => {
      mkdirSync(join(work, `case${i}`));
      make(join(work, `case${i}`, name));
    });
    await withShell(shell, sb, { cwd: work, trace: true }, async (sh) => {
      // The first prompt asks aim once (the shell has no marker yet); the rest must not.
      const first = sh.aimStarts();
      assert.ok(first >= 1, "the counter sees the first prompt's start of aim");
      for (const [i, [what]] of NOT_FILES.entries()) {
        const before = sh.aimStarts();
        await sh.run(`cd case${i}`);
        for (let n = 1; n < PROMPTS; n++) await sh.run("");
        assert.is(sh.aimStarts() - before, 0, `${shell}: aim started at idle prompts beside ${what}`);
        await sh.run("cd ..");
      }
      // The counter can see a start: a real project file is noticed at the next prompt.
      rmSync(join(work, "case0", ".aimrc"), { recursive: true });
      writeFileSync(join(work, "case0", ".aimrc"), "keys: [AIM_T_NONE]\n");
      const before = sh.aimStarts();
      await sh.run("cd case0");
      assert.ok(sh.aimStarts() > before, "a regular .aimrc makes the hook ask aim");
    });
  });
}
notFiles.run();
