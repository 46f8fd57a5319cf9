import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, expectRun, succeeds } from "../../helpers/cli.js";

const PRINT = (k: string) => ["exec", "--", "sh", "-c", `printf %s "\${${k}-unset}"`];

/** A sandbox with `keys` stored (value = "v-" + name) and a project folder p/sub. */
function project(keys: string[]) {
  const box = sandbox();
  for (const k of keys) assert.is(box.aim(["secrets", "set", k], { input: `v-${k}` }).code, 0);
  const p = join(box.dir, "work", "p");
  mkdirSync(join(p, "sub"), { recursive: true });
  return { ...box, p, sub: join(p, "sub") };
}

const find = suite("aim exec: finding the project file");
find("no project file: the command runs with the inherited environment", () => {
  const { aim } = sandbox();
  const r = aim(["exec", "--", "sh", "-c", "exit 7"]);
  assert.is(r.code, 7, r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr, "");
});
find("an .aimrc above the working directory governs it, once allowed", () => {
  const { aim, p, sub } = project(["A"]);
  writeFileSync(join(p, ".aimrc"), "keys: [A]\n");
  const refused = aim(PRINT("A"), { cwd: sub });
  assert.is(refused.code, 125);
  assert.is(refused.stdout, "");
  assert.match(refused.stderr, /\.aimrc is not allowed/);
  succeeds(aim(["allow"], { cwd: sub }));
  const r = aim(PRINT("A"), { cwd: sub });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "v-A");
});
find("a package.json without an aim field is passed over; one with it governs", () => {
  const { aim, p, sub } = project(["A", "B"]);
  writeFileSync(join(p, ".aimrc"), "keys: [A]\n");
  writeFileSync(join(sub, "package.json"), '{"name":"aim-lookalike","description":"aim"}');
  succeeds(aim(["allow"], { cwd: sub }));
  expectRun(aim(PRINT("A"), { cwd: sub }), { code: 0, stdout: "v-A", stderr: "" });
  writeFileSync(join(sub, "package.json"), '{"name":"x","aim":{"keys":["B"]}}');
  succeeds(aim(["allow"], { cwd: sub }));
  expectRun(aim(PRINT("B"), { cwd: sub }), { code: 0, stdout: "v-B", stderr: "" });
  expectRun(aim(PRINT("A"), { cwd: sub }), { code: 0, stdout: "unset", stderr: "" });
});
find.run();

const bad = suite("aim exec: bad project files stop everything");
bad("malformed YAML names the file and runs nothing", () => {
  const { aim, p } = project([]);
  writeFileSync(join(p, ".aimrc"), "keys: [A\n");
  const r = aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: p });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: \.aimrc: not valid YAML: /);
});
bad("malformed JSON in .aimrc.json is reported as JSON", () => {
  const { aim, p } = project([]);
  writeFileSync(join(p, ".aimrc.json"), '{"keys": [');
  const r = aim(["exec", "--", "true"], { cwd: p });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /\.aimrc\.json: not valid JSON/);
});
bad("an empty .aimrc is an error, not silence", () => {
  const { aim, p } = project([]);
  writeFileSync(join(p, ".aimrc"), "\n");
  const r = aim(["exec", "--", "true"], { cwd: p });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /the file is empty/);
});
bad("$import is refused: trust covers one file's content, so it cannot pull in another", () => {
  const { aim, p } = project([]);
  writeFileSync(join(p, "more.yaml"), "keys: [A]\n");
  writeFileSync(join(p, ".aimrc"), "$import: more.yaml\nkeys: [B]\n");
  const r = aim(["exec", "--", "true"], { cwd: p });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /unknown field "\$import"/);
});
bad.run();

const code = suite("no project code ever runs");
code("cosmiconfig's meta config files (.config/config.*) are never loaded, let alone run", () => {
  const { aim, p, dir } = project([]);
  const marker = join(dir, "RAN");
  mkdirSync(join(p, ".config"), { recursive: true });
  for (const ext of ["js", "cjs", "mjs", "ts"]) {
    writeFileSync(
      join(p, ".config", `config.${ext}`),
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"); module.exports = {};\n`,
    );
  }
  writeFileSync(join(p, "package.json"), '{"name":"x","cosmiconfig":{"searchPlaces":[".aimrc.js"]}}');
  writeFileSync(join(p, ".aimrc.js"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x");\n`);
  for (const args of [["exec", "--", "true"], ["status"], ["allow"]]) aim(args, { cwd: p });
  assert.not.ok(existsSync(marker), "project code ran");
  expectRun(aim(["exec", "--", "true"], { cwd: p }), { code: 0, stdout: "", stderr: "" });
});
code.run();

const fetch = suite("aim exec: keyring look-ups");
fetch("one key from a service holding many (one get) and many keys (one search) both arrive", () => {
  const names = Array.from({ length: 12 }, (_, i) => `K${i}`);
  const { aim, p } = project(names);
  writeFileSync(join(p, ".aimrc"), "keys: [K3]\n");
  succeeds(aim(["allow"], { cwd: p }));
  expectRun(aim(PRINT("K3"), { cwd: p }), { code: 0, stdout: "v-K3", stderr: "" });
  writeFileSync(join(p, ".aimrc"), `keys: [${names.join(", ")}]\n`);
  succeeds(aim(["allow"], { cwd: p }));
  const r = aim(["exec", "--", "sh", "-c", 'printf %s "$K0 $K11"'], { cwd: p });
  expectRun(r, { code: 0, stdout: "v-K0 v-K11", stderr: "" });
});
fetch.run();
