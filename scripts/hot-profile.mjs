// Which functions the start-up paths run: `node scripts/hot-profile.mjs` (npm run profile:hot)
// writes scripts/hot-functions.json, which the build reads to compile only those functions
// eagerly (scripts/eager-compile.mjs). Every function compiled eagerly sits in Node's compile
// cache, which each start reads, checks and deserialises whole: a function that the hot paths
// never call costs every start its bytes and gains nothing (bench/README.md, "Keyring path").
//
// It builds aim, then in a private D-Bus session with its own gnome-keyring and a throwaway
// HOME (as the tests and the bench) runs, on Node 24 with V8's coverage on: `aim exec` in a
// trusted 1-key and a 10-key project, `--keys K` outside any project, `--no-config`, and
// `aim hook-env` into and out of the project in bash, zsh, fish and pwsh. A function any of
// them called is hot. Each is named by where its first token comes from in src/ (file, line,
// column), so an edit elsewhere leaves the profile valid; a function moved by an edit is
// compiled lazily until the profile is taken again, which the build reports when fewer than
// 90% of the profile's functions are found.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eligibleStarts, originsOf } from "./eager-compile.mjs";
import { runInPrivateSession, unlockKeyring } from "./private-session.mjs";
import { testPaths } from "./test-deps.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const OUT = join(root, "scripts", "hot-functions.json");
const MARKER = "AIM_HOT_PROFILE_INSIDE";
const KEYS = Array.from({ length: 10 }, (_, i) => `AIM_HOT_K${i + 1}`);

const fail = (text) => {
  console.error(`hot-profile: ${text}`);
  process.exit(1);
};

if (process.env[MARKER] !== "1") {
  const node24 = process.env.AIM_BENCH_NODE24 || testPaths().node24;
  if (spawnSync(node24, ["--version"]).status !== 0) fail(`Node 24 is not at ${node24}: run node scripts/test-deps.mjs`);
  const built = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const code = await runInPrivateSession({
    script: fileURLToPath(import.meta.url),
    cwd: root,
    marker: MARKER,
    env: { AIM_KEYRING_SERVICE: "aim-hot-profile", AIM_HOT_NODE: node24 },
    prefix: "aim-hot-profile-",
  });
  process.exit(code);
}

// Inside the private session.
const problem = unlockKeyring();
if (problem) fail(problem);
const node = process.env.AIM_HOT_NODE;
const cli = join(dist, "cli.js");
const home = process.env.HOME;
const coverage = mkdtempSync(join(home, "coverage-"));
const aim = (args, { cwd = home, input, cover = false } = {}) => {
  const env = { ...process.env, ...(cover ? { NODE_V8_COVERAGE: coverage } : {}) };
  const r = spawnSync(node, [cli, ...args], { cwd, env, input, encoding: "utf8" });
  if (r.status !== 0) fail(`aim ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
};
for (const [i, k] of KEYS.entries()) aim(["secrets", "set", k], { input: `value-${i + 1}` });
const project = (name, keys) => {
  const dir = join(home, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, ".aimrc"), `keys: [${keys.join(", ")}]\n`);
  aim(["allow"], { cwd: dir });
  return dir;
};
const p1 = project("p1", KEYS.slice(0, 1));
const p10 = project("p10", KEYS);
const outside = join(home, "outside");
mkdirSync(outside);
const runs = [
  [["exec", "--", "true"], p1],
  [["exec", "--", "true"], p10],
  [["exec", "--keys", KEYS[0], "--", "true"], outside],
  [["exec", "--no-config", "--", "true"], outside],
  ...["bash", "zsh", "fish", "pwsh"].flatMap((shell) => [
    [["hook-env", shell, "1", p1], p1],
    [["hook-env", shell, "1", outside], outside],
  ]),
];
// The first run of each fills Node's compile cache; the profile is of the second, as a user's is.
for (const [args, cwd] of runs) aim(args, { cwd });
for (const [args, cwd] of runs) aim(args, { cwd, cover: true });

// Each function that ran, in each start-up file, named by its origin in src/.
const hot = new Set();
for (const file of readdirSync(coverage)) {
  for (const script of JSON.parse(readFileSync(join(coverage, file), "utf8")).result) {
    if (!script.url.startsWith(`file://${dist}/`)) continue;
    const path = fileURLToPath(script.url);
    let map;
    try {
      map = JSON.parse(readFileSync(`${path}.map`, "utf8"));
    } catch {
      continue;
    }
    const text = readFileSync(path, "utf8");
    const origin = originsOf(text, map);
    // Methods and accessors cannot be compiled with their file: left out, so that the build's
    // count of functions found says how current the profile is.
    const eligible = eligibleStarts(text);
    for (const fn of script.functions) {
      const range = fn.ranges[0];
      if (range.count === 0 || !eligible.has(range.startOffset)) continue;
      const at = origin(range.startOffset);
      if (at !== undefined) hot.add(at);
    }
  }
}
rmSync(coverage, { recursive: true, force: true });
if (hot.size === 0) fail("no function of dist/ ran under coverage");
// By file, line and column: an origin's file may hold colons itself (aim-facade:node:fs).
const parts = (o) => {
  const m = /^(.*):(\d+):(\d+)$/.exec(o);
  return m ? [m[1], Number(m[2]), Number(m[3])] : [o, 0, 0];
};
const sorted = [...hot].sort((a, b) => {
  const [fa, la, ca] = parts(a);
  const [fb, lb, cb] = parts(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
});
writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      about:
        "The functions aim's start-up paths call, by where they start in src/ (0-based line and column): written by scripts/hot-profile.mjs, read by scripts/build.mjs",
      node: spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim(),
      functions: sorted,
    },
    null,
    1,
  )}\n`,
);
console.log(`hot-profile: ${sorted.length} functions in ${OUT.slice(root.length)}`);
