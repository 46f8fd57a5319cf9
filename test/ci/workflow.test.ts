// .github/workflows/ci.yml cannot run here: it is checked against GitHub's workflow schema
// by @action-validator/cli, and its test selections against the files they must select.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { defaultLoaders } from "cosmiconfig";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, sandbox } from "../helpers/cli.js";

const FILE = join(ROOT, ".github", "workflows", "ci.yml");
const text = readFileSync(FILE, "utf8");
const wf = (await defaultLoaders[".yaml"](FILE, text)) as {
  jobs: {
    test: {
      "runs-on": string;
      strategy: { matrix: { os: string[]; node: number[] } };
      env: Record<string, string>;
      steps: { name?: string; run?: string; if?: string }[];
    };
  };
};
const job = wf.jobs.test;

const validate = (file: string) =>
  spawnSync(process.execPath, [join(ROOT, "node_modules", "@action-validator", "cli", "cli.mjs"), file], { encoding: "utf8" });

const schema = suite("ci.yml against GitHub's workflow schema");
schema("@action-validator/cli accepts it", () => {
  const r = validate(FILE);
  assert.equal([r.status, r.stdout, r.stderr], [0, "", ""]);
});
schema("and refuses the same file with a misspelt key (the check can fail)", () => {
  const bad = join(sandbox().dir, "bad.yml");
  writeFileSync(bad, text.replace("runs-on:", "run-on:"));
  const r = validate(bad);
  assert.is(r.status, 1);
  assert.match(r.stdout + r.stderr, /run-on|runs-on/);
});
schema.run();

const tests: string[] = [];
const walk = (d: string) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) name !== "helpers" && walk(p);
    else if (name.endsWith(".test.ts")) tests.push(relative(join(ROOT, "test"), p));
  }
};
walk(join(ROOT, "test"));
/** The files uvu picks with `pattern`, as it sees paths on POSIX and on Windows. */
const picked = (pattern: string, windowsToo = true) => {
  const re = new RegExp(pattern, "i");
  const posix = tests.filter((t) => re.test(t)).sort();
  if (windowsToo) assert.equal(tests.filter((t) => re.test(t.replaceAll("/", "\\"))).sort(), posix, "the same on Windows");
  return posix;
};

const matrix = suite("what the workflow runs");
matrix("ubuntu, macOS and Windows, each with Node 22 and 24", () => {
  assert.is(job["runs-on"], "${{ matrix.os }}");
  assert.equal(job.strategy.matrix.os, ["ubuntu-latest", "macos-latest", "windows-latest"]);
  assert.equal(job.strategy.matrix.node, [22, 24]);
});
matrix("the unit suites are the pure ones: no keyring, no shell, no built CLI", () => {
  const unit = picked(job.env.UNIT as string);
  for (const t of ["run/masker.test.ts", "shells/hook-pwsh.test.ts", "cli/completion-engine.test.ts", "errors.test.ts"])
    assert.ok(unit.includes(t), t);
  for (const t of unit) assert.not.match(readFileSync(join(ROOT, "test", t), "utf8"), /sandbox\(|spawnSync|requireTool/, t);
});
matrix("the keyring and PowerShell suites: the portable keyring test and the hook in real pwsh, pwsh required", () => {
  assert.equal(picked(job.env.OS_SUITES as string), [
    "e2e/secrets/keyring-os.test.ts",
    "shells/completion-pwsh-run.test.ts",
    "shells/hook-pwsh-run.test.ts",
  ]);
  assert.is(job.env.AIM_TEST_REQUIRE_PWSH, "1");
  const runs = job.steps.map((s) => `${s.if ?? ""} ${s.run ?? ""}`).join("\n");
  assert.match(runs, /security create-keychain[\s\S]*security default-keychain/);
  const linux = runs.match(/node test\/run\.mjs --backend keyring '([^']+)'/)?.[1] as string;
  assert.equal(picked(linux, false), picked(job.env.OS_SUITES as string), "ubuntu runs the same suites");
  assert.match(runs, /runner\.os != 'Linux' node --import tsx node_modules\/uvu\/bin\.js test "\$OS_SUITES"/);
});
matrix.run();
