import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, expectRun, succeeds } from "../../helpers/cli.js";
import { PRINT_KEYS, layout } from "../../helpers/project.js";

const SENTINEL = "sk-status-SENTINEL-5521";

const status = suite("aim status");
status("names the file, its trust, and where each key comes from, never a value", () => {
  const { aim, dir } = sandbox();
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [AIM_T_A, AIM_T_B]\noptional: [AIM_T_C]\n" });
  succeeds(aim(["secrets", "set", "AIM_T_A"], { input: SENTINEL }));
  const before = aim(["status", "--json"], { cwd: proj, env: { AIM_T_B: "inherited-value" } });
  assert.is(before.code, 0, before.stderr);
  const doc = JSON.parse(before.stdout);
  assert.match(doc.file, /\/p\/\.aimrc$/);
  assert.is(doc.trusted, false);
  assert.is(doc.trust, "unknown");
  assert.equal(doc.keys, [
    { name: "AIM_T_A", reference: "AIM_T_A", required: true, source: "store" },
    { name: "AIM_T_B", reference: "AIM_T_B", required: true, source: "environment" },
    { name: "AIM_T_C", reference: "AIM_T_C", required: false, source: "missing" },
  ]);
  assert.not.ok(before.stdout.includes(SENTINEL) || before.stdout.includes("inherited-value"));
  succeeds(aim(["allow"], { cwd: proj }));
  const text = aim(["status"], { cwd: proj });
  assert.is(text.code, 0);
  assert.match(
    text.stdout,
    /^project file: .*\/p\/\.aimrc \(trusted\)\n {2}✓ AIM_T_A: store\n {2}✗ AIM_T_B: missing\n {2}✗ AIM_T_C \(optional\): missing\n$/,
  );
  assert.match(text.stderr, /some required keys are missing/);
});
status("outside any project: no file, exit 0", () => {
  const { aim, dir } = sandbox();
  const r = aim(["status", "--json"], { cwd: dir });
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.is(JSON.parse(r.stdout).file, null);
});
status.run();

const global = suite("global config");
global("keys from $AIM_CONFIG_DIR/config.yaml merge under the project's", () => {
  const { aim, dir, env } = sandbox();
  mkdirSync(env.AIM_CONFIG_DIR as string, { recursive: true });
  writeFileSync(join(env.AIM_CONFIG_DIR as string, "config.yaml"), "optional: [AIM_T_G]\n");
  succeeds(aim(["secrets", "set", "AIM_T_G"], { input: "g" }));
  succeeds(aim(["secrets", "set", "AIM_T_P"], { input: "p" }));
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [AIM_T_P]\n" });
  succeeds(aim(["allow"], { cwd: proj }));
  const r = aim(["exec", "--", process.execPath, PRINT_KEYS, "AIM_T_G", "AIM_T_P"], { cwd: proj });
  assert.is(r.code, 0, r.stderr);
  const got = JSON.parse(r.stdout);
  assert.ok(got.AIM_T_G && got.AIM_T_P, r.stdout);
  const outside = aim(["exec", "--", process.execPath, PRINT_KEYS, "AIM_T_G"], { cwd: dir });
  assert.is(outside.code, 0);
  assert.is(outside.stderr, "");
  assert.ok(JSON.parse(outside.stdout).AIM_T_G, "global keys apply outside projects too");
});
global("a bad global config names the file and field, exit 125", () => {
  const { aim, env } = sandbox();
  mkdirSync(env.AIM_CONFIG_DIR as string, { recursive: true });
  const file = join(env.AIM_CONFIG_DIR as string, "config.json");
  writeFileSync(file, JSON.stringify({ optional: ["OK", "1BAD"] }));
  const r = aim(["exec", "--", "true"]);
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /config\.json: optional\[1\]: "1BAD" is not an environment variable name/);
  writeFileSync(file, JSON.stringify({ mask: "yes" }));
  expectRun(aim(["exec", "--", "true"]), { code: 125, stdout: "", stderr: /config\.json: mask: must be a boolean/ });
});
global.run();
