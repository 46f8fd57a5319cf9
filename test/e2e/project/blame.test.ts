// Blame and hints. Each message names the real culprit and the fix
// that applies; one test a fault.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, jsonOf } from "../../helpers/cli.js";

function world() {
  const box = sandbox();
  const cfgDir = box.env.AIM_CONFIG_DIR as string;
  mkdirSync(cfgDir, { recursive: true });
  return { ...box, cfgDir, work: join(box.dir, "work") };
}

const blame = suite("blame and hints");
blame("a key the global config requires is blamed on the global config, not --keys", () => {
  const { aim, cfgDir } = world();
  writeFileSync(join(cfgDir, "config.yaml"), "keys: [AIM_T_GLOBAL]\n");
  const r = aim(["exec", "--keys", "AIM_T_FLAG", "--", "sh", "-c", "echo ran"]);
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.is(
    r.stderr,
    `aim: missing AIM_T_GLOBAL (required by ${join(cfgDir, "config.yaml")}), AIM_T_FLAG (required by --keys). Add them with: aim secrets set AIM_T_GLOBAL; aim secrets set AIM_T_FLAG\n`,
  );
});
blame("--keys A,,B: the hint gives a command for each missing key, not only the first", () => {
  const { aim } = world();
  // The empty entry is read as a slip (core/names.test.ts): A,,B is A,B.
  const r = aim(["exec", "--keys", "AIM_T_A,,AIM_T_B", "--", "sh", "-c", "echo ran"]);
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.is(
    r.stderr,
    "aim: missing AIM_T_A, AIM_T_B (required by --keys). Add them with: aim secrets set AIM_T_A; aim secrets set AIM_T_B\n",
  );
});
blame("a bad global config's hint is about the global config, not .aimrc", () => {
  const { aim, cfgDir } = world();
  writeFileSync(join(cfgDir, "config.yaml"), "keys: 5\n");
  const r = aim(["exec", "--", "sh", "-c", "echo ran"]);
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: .*config\.yaml: keys: must be a list\. The global config's fields are described in docs\/config\.md\n$/);
  assert.not.match(r.stderr, /aimrc/);
});
blame("aim run of a tool that is not installed says so first (127), with no warning about keys", () => {
  const { aim } = world();
  const r = aim(["run", "aider", "--help"], { env: { PATH: "/usr/bin:/bin" } });
  assert.is(r.code, 127, r.stderr);
  assert.is(r.stdout, "");
  assert.is(
    r.stderr,
    "aim: command not found: aider (aider is not installed). Install it, or put it on PATH; aim tools lists what is installed\n",
  );
});
blame("aim status mentions a package.json aim field (and another search place) that the .aimrc beside it shadows", () => {
  const { aim, work } = world();
  writeFileSync(join(work, ".aimrc"), "keys: [AIM_T_A]\n");
  writeFileSync(join(work, ".aimrc.yaml"), "keys: [AIM_T_C]\n");
  writeFileSync(join(work, "package.json"), '{"name": "x", "aim": {"keys": ["AIM_T_B"]}}');
  const r = aim(["status"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ignored: \.aimrc\.yaml \(\.aimrc in the same folder comes first\)$/m);
  assert.match(r.stdout, /^ignored: package\.json's "aim" field \(\.aimrc in the same folder comes first\)$/m);
  const json = jsonOf(aim(["status", "--json"])) as { shadowed: string[] };
  assert.equal(
    json.shadowed.map((f) => f.split("/").pop()),
    [".aimrc.yaml", "package.json"],
  );
  // A package.json with no aim field is nobody's business.
  writeFileSync(join(work, "package.json"), '{"name": "x"}');
  assert.not.match(aim(["status"]).stdout, /package\.json/);
});
blame("duplicate keys in an .aimrc are listed once", () => {
  const { aim, work } = world();
  writeFileSync(join(work, ".aimrc"), "keys: [AIM_T_A, AIM_T_A, AIM_T_B]\noptional: [AIM_T_O, AIM_T_O]\n");
  const allow = aim(["allow"]);
  assert.is(allow.code, 0, allow.stderr);
  assert.is(allow.stdout, "");
  assert.match(allow.stderr, /^aim: allowed .*\.aimrc \(keys: AIM_T_A missing, AIM_T_B missing; optional: AIM_T_O missing\)\n$/);
  const r = aim(["exec", "--", "true"]);
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: missing AIM_T_A, AIM_T_B \(required by /);
});
blame.run();
