// The package as a new user gets it: packed from a fresh clone (no dist/), installed
// globally from the tarball, run through npx, and pulled in as a git dependency. Each step
// runs the real npm against the registry (through the machine's npm cache).
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, sandbox } from "../helpers/cli.js";
import { sha } from "../helpers/fixture-tools.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;
const sb = sandbox();

// The test passes give HOME a throwaway folder: keep npm on the machine's cache (npm ci
// filled it) so that installs need the registry only for what it lacks. npm's own
// variables from `npm test` (lifecycle, package paths) would leak into the child npm.
const env: NodeJS.ProcessEnv = { ...sb.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
env.npm_config_cache = process.env.npm_config_cache ?? join(userInfo().homedir, ".npm");
env.npm_config_update_notifier = "false";

function run(cmd: string, args: string[], cwd: string, input = ""): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: "utf8", timeout: 240_000 });
  if (r.error) throw r.error;
  return r;
}
const npm = (args: string[], cwd: string) => run("npm", ["--prefer-offline", "--no-audit", "--no-fund", ...args], cwd);
const ok = (r: SpawnSyncReturns<string>, what: string) => assert.is(r.status, 0, `${what}: ${r.stdout}\n${r.stderr}`);

/**
 * A git repository holding what a clone of this tree would: the tracked files and the new
 * ones not ignored, as they are on disk now (so uncommitted work is tested too), and no
 * dist/, generated code or node_modules.
 */
function freshRepo(): string {
  const repo = join(sb.dir, "origin");
  mkdirSync(repo);
  const list = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  ok(list, "git ls-files");
  for (const file of list.stdout.split("\0").filter((f) => f && existsSync(join(ROOT, f)))) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), readFileSync(join(ROOT, file)), { mode: statSync(join(ROOT, file)).mode & 0o777 });
  }
  const git = (...a: string[]) => ok(run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...a], repo), `git ${a[0]}`);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "snapshot");
  return repo;
}

let tarball: string | undefined;
const origin = freshRepo();
/** `npm pack` in a fresh clone. Its dependencies are this tree's node_modules (what npm ci would install). */
function pack(): string {
  if (tarball) return tarball;
  const clone = join(sb.dir, "clone");
  ok(run("git", ["clone", "-q", origin, clone], sb.dir), "git clone");
  assert.not.ok(existsSync(join(clone, "dist")), "a fresh clone has no dist/");
  symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"), "dir");
  const r = npm(["pack", "--silent"], clone);
  ok(r, "npm pack");
  assert.is(r.stdout.trim().split("\n").at(-1), TARBALL);
  tarball = join(clone, TARBALL);
  return tarball;
}

const packed = suite("npm pack from a fresh clone");
packed("builds dist/ and ships it, the licence and the README; not shell/, src/ or tests", () => {
  const list = run("tar", ["tzf", pack()], sb.dir);
  ok(list, "tar");
  const files = list.stdout.trim().split("\n");
  for (const f of [
    "package/dist/cli.js",
    "package/dist/index.js",
    "package/dist/index.d.ts",
    "package/dist/aim.1",
    "package/LICENSE",
    "package/README.md",
    "package/package.json",
  ]) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.equal(
    files.filter((f) => /^package\/(shell|src|test|scripts|bench|fixtures)\//.test(f)),
    [],
  );
});
packed.run();

const global = suite("npm i -g of the tarball, into a throwaway prefix");
global("gives an aim that stores a key and hands it to a command", () => {
  const prefix = join(sb.dir, "prefix");
  ok(npm(["install", "--global", "--prefix", prefix, pack()], sb.dir), "npm i -g");
  const aim = join(prefix, "bin", "aim");
  assert.ok(existsSync(join(prefix, "share", "man", "man1", "aim.1")), "npm links the manual page (the man field)");
  const man = run("man", ["-M", join(prefix, "share", "man"), "-w", "aim"], sb.dir);
  assert.equal([man.status, man.stdout.trim()], [0, realpathSync(join(prefix, "share", "man", "man1", "aim.1"))], man.stderr);
  const version = run(aim, ["--version"], sb.dir);
  assert.equal([version.status, version.stdout, version.stderr], [0, `${pkg.version}\n`, ""]);
  const set = run(aim, ["secrets", "set", "AIM_PKG_KEY"], sb.dir, "sk-installed-1\n");
  assert.equal([set.status, set.stdout], [0, ""]);
  assert.match(set.stderr, /^aim: stored AIM_PKG_KEY/m);
  const print = "process.stdout.write(require('crypto').createHash('sha256').update(process.env.AIM_PKG_KEY).digest('hex'))";
  const exec = run(aim, ["exec", "--keys", "AIM_PKG_KEY", "--", process.execPath, "-e", print], sb.dir);
  assert.equal([exec.status, exec.stdout, exec.stderr], [0, sha("sk-installed-1"), ""]);
});
global.run();

const npx = suite("npx -p ./aim-keys-*.tgz");
npx("npx -p ./<tarball> aim --version prints the version", () => {
  const tgz = pack();
  const r = run("npx", ["--yes", "--prefer-offline", "-p", `./${TARBALL}`, "aim", "--version"], dirname(tgz));
  assert.equal([r.status, r.stdout], [0, `${pkg.version}\n`], r.stderr);
  assert.not.match(r.stderr, /aim: |not found|ERR!/);
});
npx("npx <package> runs its one command, aim, as `npx aim-keys …` does", () => {
  const tgz = pack();
  const r = run("npx", ["--yes", "--prefer-offline", `./${TARBALL}`, "--version"], dirname(tgz));
  assert.equal([r.status, r.stdout], [0, `${pkg.version}\n`], r.stderr);
});
npx.run();

const gitDep = suite("a git dependency");
gitDep("npm i git+file://… builds the package (prepare) and the project imports the library and runs aim", () => {
  const app = join(sb.dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "scratch-app", version: "1.0.0", type: "module", private: true }));
  ok(npm(["install", `git+file://${origin}`], app), "npm i git+file://");
  const installed = join(app, "node_modules", pkg.name);
  assert.ok(existsSync(join(installed, "dist", "index.js")), "dist/ was built by prepare");
  assert.equal(readdirSync(installed).sort(), ["LICENSE", "README.md", "dist", "package.json"].sort());
  writeFileSync(
    join(app, "main.mjs"),
    `import * as aim from "${pkg.name}"; console.log(aim.CONTRACT, typeof aim.invokeTool, typeof aim.execWithKeys);`,
  );
  const r = run(process.execPath, ["main.mjs"], app);
  assert.equal([r.status, r.stdout, r.stderr], [0, "AIM_PLUS_V1 function function\n", ""]);
  const bin = run(join(app, "node_modules", ".bin", "aim"), ["--version"], app);
  assert.equal([bin.status, bin.stdout, bin.stderr], [0, `${pkg.version}\n`, ""]);
});
gitDep.run();
