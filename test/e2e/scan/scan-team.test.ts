// aim scan looks for the trusted project's team: values and the pass: values its .aimrc names
// too (and only while it is trusted): a real age team file, a real password store (pass, gpg).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";
import { passStore } from "../../helpers/pass.js";

const TEAM_VALUE = "sk-team-scan-0a1b2c3d4e5f";

const team = suite("aim scan: the trusted project's team file");
team("a team: value is found as team:NAME (team); an untrusted project's team file is not read", () => {
  const gen = spawnSync("age-keygen", [], { encoding: "utf8" });
  assert.is(gen.error, undefined, "age-keygen must be installed (apt install age)");
  const secret = gen.stdout.match(/^AGE-SECRET-KEY-1\S+$/m)?.[0] as string;
  const sb = sandbox({ AIM_IDENTITY: secret });
  const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": "optional: []\n" });
  succeeds(sb.aim(["team", "init"], { cwd: proj }));
  succeeds(sb.aim(["team", "set", "SHARED_TOKEN"], { cwd: proj, input: TEAM_VALUE }));
  layout(proj, { ".aimrc": "keys:\n  - SHARED_TOKEN: team:SHARED_TOKEN\n", "notes.txt": `token ${TEAM_VALUE}\n` });
  const untrusted = sb.aim(["scan", "notes.txt"], { cwd: proj });
  expectRun(untrusted, { code: 0, stdout: "", stderr: /no stored value to look for|no stored value found/ });
  succeeds(sb.aim(["allow"], { cwd: proj }));
  const r = sb.aim(["scan", "notes.txt"], { cwd: proj });
  expectRun(r, { code: 1, stdout: "notes.txt:1: team:SHARED_TOKEN (team) [raw]\n", stderr: /1 finding/ });
  const j = sb.aim(["scan", "--json", "notes.txt"], { cwd: proj });
  assert.equal(JSON.parse(j.stdout), [{ path: "notes.txt", line: 1, key: "team:SHARED_TOKEN", profile: "team", encoding: "raw" }]);
  assert.not.ok(r.stdout.includes(TEAM_VALUE) || r.stderr.includes(TEAM_VALUE));
});
team.run();

const PASS_VALUE = "sk-pass-scan-7f6e5d4c3b2a";
const pass = suite("aim scan: the trusted project's pass: references");
pass("a pass: value is found as pass:PATH (pass); untrusted, it is not read; without pass, that is said", () => {
  const store = passStore();
  try {
    store.insert("work/openai", PASS_VALUE);
    const sb = sandbox(store.vars);
    const proj = layout(join(sb.dir, "work", "proj"), {
      ".aimrc": "keys:\n  - OPENAI_API_KEY: pass:work/openai\n",
      "app.log": `start\nkey=${PASS_VALUE}\n`,
    });
    const untrusted = sb.aim(["scan", "app.log"], { cwd: proj });
    expectRun(untrusted, { code: 0, stdout: "", stderr: /no stored value to look for/ });
    succeeds(sb.aim(["allow"], { cwd: proj }));
    const r = sb.aim(["scan", "app.log"], { cwd: proj });
    expectRun(r, { code: 1, stdout: "app.log:2: pass:work/openai (pass) [raw]\n", stderr: /1 finding/ });
    assert.not.ok(r.stdout.includes(PASS_VALUE) || r.stderr.includes(PASS_VALUE));
    // pass is not on PATH: the scan goes on without its values and says so.
    const gone = sb.aim(["scan", "app.log"], { cwd: proj, env: { PATH: join(sb.dir, "no-bin") } });
    expectRun(gone, { code: 0, stdout: "", stderr: /^aim: pass is not installed[^\n]*: its values are not searched for\n/ });
  } finally {
    store.stop();
  }
});
pass.run();
