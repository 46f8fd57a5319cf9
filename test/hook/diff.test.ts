// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { hookEnv, type Target } from "../../src/hook/diff.js";
import { EMPTY_STATE, type HookState, parseState } from "../../src/hook/state.js";
import { SHELLS } from "../../src/shells/index.js";

const bash = SHELLS.bash;
const paths = { marker: "/d/hook/shell-1", stamp: "/d/hook/reload" };
const target = (file: string | null, values: Record<string, string>, warnings: string[] = []): Target => ({
  file,
  candidate: file,
  values: new Map(Object.entries(values)),
  warnings,
});
const state = (file: string | null, keys: string[], said: string[] = []): HookState => ({ file, keys, said });

const diff = suite("hook-env: the difference as shell code and a status line");
diff("entering a project saves earlier values, exports, and says +KEY", () => {
  const out = hookEnv(bash, EMPTY_STATE, target("/p/.aimrc", { A: "va", B: "vb" }), {}, paths);
  assert.equal(out.messages, ["+A +B"]);
  assert.ok(out.code.includes(bash.saveAndExport("A", "va")));
  assert.ok(out.code.includes(bash.saveAndExport("B", "vb")));
  assert.ok(out.code.includes(`export __aim_state='{"file":"/p/.aimrc","keys":["A","B"],"said":[]}';`));
  assert.ok(out.code.includes("__aim_gov='/p/.aimrc';"));
  assert.ok(out.code.includes("__aim_marker='/d/hook/shell-1';"));
});
diff("nothing changed: no variable touched, nothing said", () => {
  const out = hookEnv(bash, state("/p/.aimrc", ["A"]), target("/p/.aimrc", { A: "va" }), { A: "va" }, paths);
  assert.equal(out.messages, []);
  assert.not.match(out.code, /export A=|__aim_prev_A/);
});
diff("a value changed in the keyring is exported again as ~KEY, keeping the saved earlier value", () => {
  const out = hookEnv(bash, state("/p/.aimrc", ["A"]), target("/p/.aimrc", { A: "new" }), { A: "old" }, paths);
  assert.equal(out.messages, ["~A"]);
  assert.ok(out.code.includes("export A='new';"));
  assert.not.match(out.code, /__aim_prev_A=/);
});
diff("leaving restores or unsets, says -KEY, and drops the state", () => {
  const out = hookEnv(bash, state("/p/.aimrc", ["A", "B"]), target(null, {}), { A: "va", B: "vb" }, paths);
  assert.equal(out.messages, ["-A -B"]);
  assert.ok(out.code.includes(bash.restore("A")));
  assert.ok(out.code.includes("unset __aim_state;"));
  assert.ok(out.code.includes("__aim_gov='';"));
});
diff("switching projects reports only the differences", () => {
  const out = hookEnv(bash, state("/a/.aimrc", ["A", "B"]), target("/b/.aimrc", { B: "vb", C: "vc" }), { A: "va", B: "vb" }, paths);
  assert.equal(out.messages, ["-A +C"]);
});
diff("a warning is said once per file, again for another file", () => {
  const warn = "x is not allowed";
  const first = hookEnv(bash, EMPTY_STATE, target("/p/.aimrc", {}, [warn]), {}, paths);
  assert.equal(first.messages, [warn]);
  assert.equal(hookEnv(bash, state("/p/.aimrc", [], [warn]), target("/p/.aimrc", {}, [warn]), {}, paths).messages, []);
  assert.equal(hookEnv(bash, state("/q/.aimrc", [], [warn]), target("/p/.aimrc", {}, [warn]), {}, paths).messages, [warn]);
});
diff("AIM_QUIET hides the status line, not the warnings", () => {
  const out = hookEnv(bash, EMPTY_STATE, target("/p/.aimrc", { A: "va" }, ["missing B"]), {}, paths, { quiet: true });
  assert.equal(out.messages, ["missing B"]);
});
diff("the exported state never holds a value, current or previous", () => {
  const secret = "sk-secret-value";
  const out = hookEnv(bash, state("/p/.aimrc", ["A"]), target("/p/.aimrc", { A: secret, B: secret }), { A: "prev-value" }, paths);
  const stateLine = out.code.split("\n").find((l) => l.startsWith("export __aim_state=")) ?? "";
  assert.not.ok(stateLine.includes(secret) || stateLine.includes("prev-value"));
});
diff.run();

const parse = suite("hook state from the environment");
parse("round trip, and junk is treated as no state", () => {
  assert.equal(parseState('{"file":"/p/.aimrc","keys":["A"],"said":["w"]}'), state("/p/.aimrc", ["A"], ["w"]));
  assert.equal(parseState(undefined), EMPTY_STATE);
  assert.equal(parseState("{not json"), EMPTY_STATE);
  assert.equal(parseState("[1,2]").keys, []);
});
parse("a name that is not a variable name is dropped before it can reach shell code", () => {
  const s = parseState(JSON.stringify({ file: "/p", keys: ["OK_1", "X; rm -rf ~", "$(id)", "1BAD"] }));
  assert.equal(s.keys, ["OK_1"]);
});
parse.run();
