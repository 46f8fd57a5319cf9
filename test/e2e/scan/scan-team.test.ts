// aim scan looks for the trusted project's team: values too (and only while it is trusted).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

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
