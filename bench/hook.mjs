#!/usr/bin/env node
// The shell hook's costs, run by hand: `node bench/hook.mjs [--json] [--runs N]` (after
// `npm run build`). Prints ratios; with --json one JSON object on stdout, for bench/run.mjs.
//  1. Idle prompt: N calls of the installed prompt hook against N calls of an empty
//     function, timed inside one bash, zsh and fish process each, in a loaded project.
//     aim's per-shell marker must not move: no aim process was started.
//  2. cd into a project with 5 keys: `aim hook-env bash` (what the hook runs on cd)
//     against `direnv export bash` in a folder whose .envrc exports 5 variables, both from
//     a clean state, and `node -e 0` for scale. Medians of --runs runs.
// Needs a keyring: without a D-Bus session it re-runs itself in a private one with its own
// gnome-keyring-daemon (as test/run.mjs does), so it never touches your keyring. Inside
// bench/run.mjs's session (AIM_BENCH_SESSION set) it uses that one and AIM_BENCH_AIM's build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const AIM = process.env.AIM_BENCH_AIM || join(root, "dist", "cli.js");
const args = process.argv.slice(2);
const json = args.includes("--json");
const runs = Number(args[args.indexOf("--runs") + 1]) || 20;
const ITER = 2000;
const say = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);

if (!existsSync(AIM)) {
  console.error("bench: dist/cli.js is missing; run npm run build first");
  process.exit(1);
}
if (!process.env.AIM_BENCH_SESSION) {
  const home = mkdtempSync(join(tmpdir(), "aim-bench-home-"));
  const env = {
    ...process.env,
    HOME: home,
    XDG_RUNTIME_DIR: home,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    AIM_BENCH_SESSION: "1",
    AIM_HOOK_BENCH_UNLOCK: "1",
    NO_COLOR: "1",
  };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const r = spawnSync("dbus-run-session", ["--", process.execPath, fileURLToPath(import.meta.url), ...args], {
    env,
    stdio: ["ignore", "inherit", "pipe"],
  });
  process.stderr.write((r.stderr ?? "").toString().replace(/^dbus-daemon\[\d+\].*fd limit.*\n/m, ""));
  rmSync(home, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

// In a session of our own the keyring still has to be started; bench/run.mjs starts its own.
if (process.env.AIM_HOOK_BENCH_UNLOCK) spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], { input: "aim-bench" });
const dir = mkdtempSync(join(tmpdir(), "aim-bench-"));
const env = {
  ...process.env,
  AIM_DATA_DIR: join(dir, "data"),
  AIM_CONFIG_DIR: join(dir, "config"),
  AIM_KEYRING_SERVICE: `aim-bench-${process.pid}`,
};
const aim = (argv, opts = {}) => spawnSync(process.execPath, [AIM, ...argv], { env, encoding: "utf8", ...opts });
const KEYS = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GITHUB_TOKEN", "MISTRAL_API_KEY"];
const project = join(dir, "project");
mkdirSync(project);
for (const k of KEYS) aim(["secrets", "set", k], { input: `value-of-${k}` });
writeFileSync(join(project, ".aimrc"), `keys: [${KEYS.join(", ")}]\n`);
aim(["allow"], { cwd: project });

// 1. Idle prompts, timed inside each shell with its own clock.
const cmd = `'${process.execPath}' '${AIM}'`;
// After the first (loading) call each script makes a reference file with a builtin (outside the
// project: a new file in the governing folder rightly makes the hook ask aim once more); the
// marker that aim touches on every run must not be newer than it after the loops.
const still = {
  bash: `[[ $__aim_marker -nt '${dir}/ref' ]] && echo moved || echo still`,
  zsh: `[[ $__aim_marker -nt '${dir}/ref' ]] && echo moved || echo still`,
  fish: `test $__aim_marker -nt '${dir}/ref'; and echo moved; or echo still`,
};
const IDLE = {
  bash: [
    ["--norc", "--noprofile", "-c"],
    `eval "$(${cmd} hook bash)"; cd '${project}'; __aim_hook; : > '${dir}/ref'; noop() { :; }
t() { local s=$EPOCHREALTIME i; for ((i = 0; i < ${ITER}; i++)); do "$1"; done; echo "$(( \${EPOCHREALTIME/./} - \${s/./} ))"; }
t noop; t __aim_hook; ${still.bash}`,
  ],
  zsh: [
    ["-f", "-c"],
    `zmodload zsh/datetime; eval "$(${cmd} hook zsh)"; cd '${project}'; __aim_hook; : > '${dir}/ref'; noop() { :; }
t() { local s=$EPOCHREALTIME i; for ((i = 0; i < ${ITER}; i++)); do "$1"; done; printf '%.0f\\n' $(( (EPOCHREALTIME - s) * 1e6 )); }
t noop; t __aim_hook; ${still.zsh}`,
  ],
  // fish has no clock variable: two `date` processes bracket each loop, outside the loop.
  fish: [
    ["--no-config", "-c"],
    `${cmd} hook fish | source; cd '${project}'; __aim_hook; echo -n > '${dir}/ref'; function noop; end
function t; set -l i 0; while test $i -lt ${ITER}; set i (math $i + 1); $argv[1]; end; end
for f in noop __aim_hook; set -l s (date +%s%N); t $f; math "((" (date +%s%N) - $s ") / 1000)"; end; ${still.fish}`,
  ],
};
const idle = {};
for (const [shell, [flags, script]] of Object.entries(IDLE)) {
  const r = spawnSync(shell, [...flags, script], { env, cwd: dir, encoding: "utf8" });
  const [noop, hook, marker] = r.stdout.trim().split("\n");
  if (r.status !== 0 || marker === undefined) {
    say(`${shell}: not measured (${r.error?.message ?? r.stderr.trim()})`);
    continue;
  }
  idle[shell] = {
    noopUs: Number(noop) / ITER,
    hookUs: Number(hook) / ITER,
    extraUs: (Number(hook) - Number(noop)) / ITER,
    ratio: Number(hook) / Number(noop),
    aimRanWhileIdle: marker === "moved",
  };
}

// 2. cd into a project: aim's hook-env from a clean state against direnv export.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (file, argv, opts) => {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(file, argv, { env, encoding: "utf8", ...opts });
    if (r.status !== 0) throw new Error(`${file} ${argv.join(" ")} failed: ${r.error?.message ?? r.stderr}`);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ms);
};
const envrc = join(dir, "direnv-project");
mkdirSync(envrc);
writeFileSync(join(envrc, ".envrc"), KEYS.map((k) => `export ${k}=value-of-${k}\n`).join(""));
const haveDirenv = spawnSync("direnv", ["allow", envrc], { env }).status === 0;
const cd = {
  nodeMs: time(process.execPath, ["-e", "0"], {}),
  aimCdMs: time(process.execPath, [AIM, "hook-env", "bash", "1", project], { cwd: project }),
  aimCdOutsideMs: time(process.execPath, [AIM, "hook-env", "bash", "1", dir], { cwd: dir }),
  direnvMs: haveDirenv ? time("direnv", ["export", "bash"], { cwd: envrc }) : null,
};
rmSync(dir, { recursive: true, force: true });

const fmt = (n, d = 1) => (n === null ? "n/a" : n.toFixed(d));
for (const [shell, r] of Object.entries(idle)) {
  say(
    `idle prompt ${shell.padEnd(4)}: ${fmt(r.hookUs)} µs with the hook vs ${fmt(r.noopUs)} µs without (x${fmt(r.ratio, 2)}, +${fmt(r.extraUs)} µs; a prompt feels instant below 5500 µs); aim run while idle: ${r.aimRanWhileIdle ? "YES" : "no"}`,
  );
}
say(`cd into a 5-key project: aim hook-env ${fmt(cd.aimCdMs)} ms, direnv export ${fmt(cd.direnvMs)} ms, node -e 0 ${fmt(cd.nodeMs)} ms`);
say(
  `  ratios: aim/direnv x${cd.direnvMs ? fmt(cd.aimCdMs / cd.direnvMs, 2) : "n/a (direnv not installed)"}, aim/node x${fmt(cd.aimCdMs / cd.nodeMs, 2)}; cd outside projects: ${fmt(cd.aimCdOutsideMs)} ms (x${fmt(cd.aimCdOutsideMs / cd.nodeMs, 2)} node)`,
);
if (json) process.stdout.write(`${JSON.stringify({ iterations: ITER, runs, idle, cd })}\n`);
// An idle prompt that ran aim is a regression, not a slow number.
if (Object.values(idle).some((r) => r.aimRanWhileIdle)) process.exit(1);
