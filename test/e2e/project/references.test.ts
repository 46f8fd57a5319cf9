// Provider references in an .aimrc: team:NAME read from the project's team file (CI's
// AIM_IDENTITY here), beside store keys of two profiles, in one command.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, jsonOf } from "../../helpers/cli.js";
import { layout, PRINT_KEYS } from "../../helpers/project.js";
import { sha } from "../../helpers/fixture-tools.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const node = process.execPath;

function identity(): string {
  const r = spawnSync("age-keygen", [], { encoding: "utf8" });
  assert.is(r.error, undefined, "age-keygen must be installed (age)");
  return r.stdout.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-")) as string;
}

const refs = suite("references: team: beside store keys of two profiles");
refs("an .aimrc mixes team:, work/ and plain names; each variable names its reference", () => {
  const sb = sandbox({ AIM_IDENTITY: identity() });
  const proj = layout(join(sb.dir, "work", "app"), { ".aimrc": "optional: []\n" });
  const ok = (r: { code: number | null; stderr: string }, what: string) => assert.is(r.code, 0, `${what}: ${r.stderr}`);
  ok(sb.aim(["team", "init"], { cwd: proj }), "team init");
  ok(sb.aim(["team", "set", "SHARED_TOKEN"], { cwd: proj, input: "team-shared-value" }), "team set");
  ok(sb.aim(["secrets", "set", "work/OPENAI_API_KEY"], { input: "work-openai-value" }), "set");
  ok(sb.aim(["secrets", "set", "personal/GITHUB_TOKEN"], { input: "personal-gh-value" }), "set");
  layout(proj, {
    ".aimrc":
      "profile: work\nkeys:\n  - OPENAI_API_KEY\n  - SHARED_TOKEN: team:SHARED_TOKEN\noptional:\n  - GITHUB_TOKEN: personal/GITHUB_TOKEN\n",
  });
  ok(sb.aim(["allow"], { cwd: proj }), "allow");
  const r = sb.aim(["exec", "--", node, PRINT_KEYS, "OPENAI_API_KEY", "SHARED_TOKEN", "GITHUB_TOKEN"], { cwd: proj });
  ok(r, "exec");
  assert.is(r.stderr, "");
  assert.equal(JSON.parse(r.stdout), {
    OPENAI_API_KEY: sha("work-openai-value"),
    SHARED_TOKEN: sha("team-shared-value"),
    GITHUB_TOKEN: sha("personal-gh-value"),
  });
  const s = jsonOf(sb.aim(["status", "--json"], { cwd: proj }));
  assert.equal(
    s.keys.map((k: { name: string; reference: string; source: string }) => [k.name, k.reference, k.source]),
    [
      ["OPENAI_API_KEY", "work/OPENAI_API_KEY", "store"],
      ["SHARED_TOKEN", "team:SHARED_TOKEN", "store"],
      ["GITHUB_TOKEN", "personal/GITHUB_TOKEN", "store"],
    ],
  );
  // A name the team file lacks is missing, with the fix of its own provider.
  layout(proj, { ".aimrc": "keys:\n  - SHARED_TOKEN: team:OTHER_TOKEN\n" });
  ok(sb.aim(["allow"], { cwd: proj }), "allow");
  const miss = sb.aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: proj });
  assert.is(miss.code, 125);
  assert.is(miss.stdout, "");
  assert.match(
    miss.stderr,
    /^aim: missing SHARED_TOKEN <- team:OTHER_TOKEN \(required by .*\.aimrc\)\. Add it with: aim team set OTHER_TOKEN\n$/,
  );
  // Not a recipient: the team file's own error, 125, nothing runs.
  const stranger = sb.aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: proj, env: { AIM_IDENTITY: identity() } });
  assert.is(stranger.code, 125);
  assert.is(stranger.stdout, "");
  assert.match(stranger.stderr, /^aim: you are not a recipient of .*team\.age/);
  // --keys takes team:NAME too.
  const k = sb.aim(["exec", "--no-config", "--keys", "team:SHARED_TOKEN", "--", node, PRINT_KEYS, "SHARED_TOKEN"], { cwd: proj });
  ok(k, "--keys team:");
  assert.equal(JSON.parse(k.stdout), { SHARED_TOKEN: sha("team-shared-value") });
});
refs.run();
