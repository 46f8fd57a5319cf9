import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, expectRun, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.
// aim's own data files after a crash, an editor or another program.

const DAMAGE = ["garbage{", "null", "[]", '{"version":1}', '{"version":1,"allowed":{"/x":null},"denied":{}}'];
const oneLine = (stderr: string) => assert.is(stderr.trim().split("\n").length, 1, stderr);

const trust = suite("a damaged trust.json: one message naming it and the fix; aim allow rebuilds it");
for (const text of DAMAGE) {
  trust(`trust.json of ${text}`, () => {
    const { aim, env, dir } = sandbox();
    const proj = layout(join(dir, "work", "proj"), { ".aimrc": "keys: [AIM_D1]\n" });
    succeeds(aim(["secrets", "set", "AIM_D1"], { input: "d1" }));
    succeeds(aim(["allow"], { cwd: proj }));
    const file = join(env.AIM_DATA_DIR as string, "trust.json");
    writeFileSync(file, text);
    const r = aim(["exec", "--", "sh", "-c", "echo $AIM_D1"], { cwd: proj });
    assert.is(r.code, 125, r.stderr);
    assert.is(r.stdout, "");
    assert.match(
      r.stderr,
      new RegExp(`^aim: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is damaged \\(.*\\)\\. Run aim allow .* to rebuild it`),
    );
    assert.not.match(r.stderr, /internal error|Cannot read/);
    oneLine(r.stderr);
    const fix = aim(["allow"], { cwd: proj });
    assert.is(fix.code, 0, fix.stderr);
    assert.is(fix.stdout, "");
    assert.match(fix.stderr, /is damaged .*moved it aside to .*trust\.json\.damaged-.* and started a new one/);
    assert.match(fix.stderr, /allowed .*\.aimrc/);
    assert.ok(
      readdirSync(env.AIM_DATA_DIR as string).some((n) => n.startsWith("trust.json.damaged-")),
      "the damaged file is kept",
    );
    const again = aim(["exec", "--", "sh", "-c", "echo $AIM_D1"], { cwd: proj });
    assert.is(again.code, 0, again.stderr);
    assert.is(again.stdout, "d1\n");
  });
}
trust.run();

const meta = suite("a damaged secrets.json: list names it; aim secrets set rebuilds it");
for (const text of DAMAGE.slice(0, 4).concat(['{"version":1,"secrets":{"bad name":{"created":"x","updated":"x"}}}'])) {
  meta(`secrets.json of ${text}`, () => {
    const { aim, env } = sandbox();
    succeeds(aim(["secrets", "set", "KM"], { input: "old" }));
    const file = join(env.AIM_DATA_DIR as string, "secrets.json");
    writeFileSync(file, text);
    const list = aim(["secrets", "list"]);
    assert.is(list.code, 1, list.stderr);
    assert.is(list.stdout, "");
    assert.match(list.stderr, /^aim: .*secrets\.json is damaged \(.*\)\. Run aim secrets set \(of any key\) to rebuild it/);
    assert.not.match(list.stderr, /internal error|Cannot read/);
    oneLine(list.stderr);
    const set = aim(["secrets", "set", "KM"], { input: "new" });
    assert.is(set.code, 0, set.stderr);
    assert.is(set.stdout, "");
    assert.match(set.stderr, /moved it aside to .*secrets\.json\.damaged-/);
    const after = aim(["secrets", "list", "--json"]);
    assert.is(after.code, 0, after.stderr);
    assert.equal(
      JSON.parse(after.stdout).map((r: { name: string }) => r.name),
      ["KM"],
    );
    expectRun(aim(["secrets", "get", "KM", "--show"]), { code: 0, stdout: "new", stderr: "" });
  });
}
meta.run();

const nothing = suite("item 7: a secrets set that fails changes nothing");
nothing("metadata that cannot be read: exit 1 and the old value stays", () => {
  const { aim, env } = sandbox();
  succeeds(aim(["secrets", "set", "KM"], { input: "old" }));
  const file = join(env.AIM_DATA_DIR as string, "secrets.json");
  const keep = readFileSync(file);
  // A folder where the file should be: readable by nobody as a file, even by root.
  rmSync(file);
  mkdirSync(file);
  const r = aim(["secrets", "set", "KM"], { input: "new" });
  assert.is(r.code, 1, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: cannot read .*secrets\.json: EISDIR/);
  rmdirSync(file);
  writeFileSync(file, keep);
  const get = aim(["secrets", "get", "KM", "--show"]);
  assert.is(get.stderr, "");
  assert.is(get.stdout, "old", "the value was replaced although set failed");
  assert.ok(existsSync(file));
});
nothing.run();
