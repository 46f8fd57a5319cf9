#!/usr/bin/env node
// The benchmark (`npm run bench`): whole processes, many interleaved runs after a warm-up,
// in a private D-Bus session with a real gnome-keyring, like the tests. Writes
// bench/RESULTS.md and exits 1 when `aim exec -- true` costs more than GUARD × `node -e 0`.
//   npm run bench                      the full table
//   npm run bench -- --quick           CI's budget check only: few runs, prints, writes nothing
//   npm run bench -- --execve          only the execve group (Node 24 and Node 20), prints
//   npm run bench -- --team            only the team-file group (team: / keyring / vault), prints
//   npm run bench -- --keyring         only the keyring-path group (issue 24: a trusted 1-key
//                                      project on Node 24 and 20 against direnv + secret-tool), prints
//   --runs N   rounds per group         --aim PATH  another build's dist/cli.js   --out FILE
//   --aim-old DIR   also measure the build in DIR (a dist/ folder, e.g. of main built in a
//                   temporary worktree) against this one, interleaved in the same rounds:
//                   exec and hook-env of both as ratios to node -e 0 (with --quick: only
//                   printed, after the budget check)
// bench/hook.mjs (the shell hook's own bench), when present, runs last in the same session
// as `node bench/hook.mjs --runs N` (AIM_BENCH_SESSION=1 tells it so); its stdout goes
// into RESULTS.md under "Shell hook".
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { missingSessionTools, runInPrivateSession, unlockKeyring } from "../scripts/private-session.mjs";
import { agentsGroup } from "./lib/agents.mjs";
import { oldCli } from "./lib/compare.mjs";
import { quickCheck, fullRun, keyringOnly, teamOnly } from "./lib/suites.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean" },
    execve: { type: "boolean" },
    team: { type: "boolean" },
    keyring: { type: "boolean" },
    runs: { type: "string" },
    aim: { type: "string" },
    "aim-old": { type: "string" },
    out: { type: "string" },
  },
});

const cwd = process.env.AIM_BENCH_CWD ?? process.cwd();
let aimOld;
try {
  aimOld = opts["aim-old"] ? oldCli(opts["aim-old"], cwd) : undefined;
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

if (!process.env.AIM_BENCH_SESSION) {
  for (const tool of missingSessionTools()) {
    console.error(`bench: ${tool} is missing; install dbus and gnome-keyring (see .ci/run)`);
    process.exit(1);
  }
  if (!opts.aim) {
    const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const args = process.argv.slice(2);
  process.exit(
    await runInPrivateSession({
      script: fileURLToPath(import.meta.url),
      args,
      cwd: root,
      marker: "AIM_BENCH_SESSION",
      env: { AIM_BENCH_CWD: process.cwd(), AIM_BENCH_COMMAND: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}` },
      prefix: "aim-bench-home-",
    }),
  );
}

const problem = unlockKeyring();
if (problem) {
  console.error(`bench: ${problem}`);
  process.exit(1);
}
const world = join(process.env.HOME, "bench");
const ctx = {
  root,
  world,
  node: process.execPath,
  aim: opts.aim ? resolve(process.env.AIM_BENCH_CWD ?? root, opts.aim) : join(root, "dist", "cli.js"),
  aimOld,
  runs: opts.runs ? Number(opts.runs) : undefined,
  env: {
    ...process.env,
    AIM_DATA_DIR: join(world, "data"),
    AIM_CONFIG_DIR: join(world, "config"),
    AIM_KEYRING_SERVICE: `aim-bench-${process.pid}`,
    DIRENV_LOG_FORMAT: "",
  },
  hook: existsSync(join(here, "hook.mjs")) ? join(here, "hook.mjs") : undefined,
};

if (opts.execve) {
  // Only the execve group (Node 24 against Node 20): prints, writes nothing.
  process.exit(agentsGroup(ctx).ok ? 0 : 1);
} else if (opts.team) {
  // Only the team-file group: prints, writes nothing.
  process.exit((await teamOnly(ctx)) ? 0 : 1);
} else if (opts.keyring) {
  // Only the keyring-path group: prints, writes nothing.
  process.exit((await keyringOnly(ctx)) ? 0 : 1);
} else if (opts.quick) {
  process.exit((await quickCheck(ctx)) ? 0 : 1);
} else {
  const { markdown, ok } = await fullRun(ctx);
  const out = opts.out ? resolve(process.env.AIM_BENCH_CWD ?? root, opts.out) : join(here, "RESULTS.md");
  writeFileSync(out, markdown);
  console.log(`\n${markdown}\nbench: wrote ${relative(process.cwd(), out)}`);
  process.exit(ok ? 0 : 1);
}
