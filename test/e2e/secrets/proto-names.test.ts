// Key names that JavaScript objects treat specially (`__proto__`, and the names every object
// inherits: `constructor`, `toString`…) reach aim from the command line, a project file, the
// global config and the keyring. Each path either refuses the name cleanly or treats it as
// an ordinary name: never an "internal error", never a function's text handed to a command
//.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";
import { writeGlobalConfig } from "../../helpers/fixture-tools.js";

const PRINT =
  "process.stdout.write(JSON.stringify(['__proto__','constructor','toString'].map(k=>Object.hasOwn(process.env,k)?process.env[k]:null)))";
const PROTO_REFUSED = /"__proto__" cannot be a key name/;

const proto = suite("__proto__ is refused wherever a key name comes in");
proto("secrets set / get / delete: exit 1 (as for any bad name), a clear message, nothing stored", () => {
  const { aim } = sandbox();
  for (const args of [
    ["secrets", "set", "__proto__"],
    ["secrets", "set", "work/__proto__"],
    ["secrets", "get", "__proto__", "--show"],
    ["secrets", "delete", "__proto__"],
  ]) {
    expectRun(aim(args, { input: "v" }), { code: 1, stdout: "", stderr: PROTO_REFUSED }, args.join(" "));
  }
  expectRun(aim(["secrets", "list", "--json"]), { code: 0, stdout: "[]\n", stderr: "" });
});
proto("aim exec --keys __proto__: 125 with the message, not an internal error", () => {
  const { aim } = sandbox();
  expectRun(aim(["exec", "--keys", "__proto__", "--", "true"]), { code: 125, stdout: "", stderr: PROTO_REFUSED });
  expectRun(aim(["exec", "--keys", "team:__proto__", "--", "true"]), {
    code: 125,
    stdout: "",
    stderr: /^aim: "team:__proto__": the path after team: must be a variable name/,
  });
});
proto("a project file naming __proto__: allow, exec, status and the hook say so", () => {
  const sb = sandbox();
  for (const text of ["keys: [__proto__]\n", "optional:\n  - X: __proto__\n", '{"keys": [{"__proto__": "A"}]}\n']) {
    const dir = layout(join(sb.dir, "work", `p${text.length}`), { ".aimrc": text });
    for (const args of [["allow"], ["exec", "--", "true"], ["status"]]) {
      const r = sb.aim(args, { cwd: dir });
      assert.not.match(r.stderr, /internal error/, `${args.join(" ")} on ${text}: ${r.stderr}`);
      assert.match(r.stderr, /__proto__/, `${args.join(" ")} on ${text}: ${r.stderr}`);
      assert.ok(r.code !== 0, `${args.join(" ")} on ${text} exits non-zero`);
    }
    const hook = sb.aim(["hook-env", "bash", "4242", dir], { cwd: dir });
    assert.is(hook.code, 0);
    assert.not.match(hook.stderr, /internal error/);
    assert.match(hook.stderr, /__proto__/);
    assert.not.match(hook.stdout, /export (__proto__|X)=/);
  }
});
proto("the global config naming __proto__: exec says so", () => {
  const sb = sandbox();
  writeGlobalConfig(sb.env, "config.yaml", "optional: [__proto__]\n");
  const r = sb.aim(["exec", "--no-config", "--", "true"]);
  assert.is(r.code, 125, r.stderr);
  assert.not.match(r.stderr, /internal error/);
  assert.match(r.stderr, /__proto__/);
});
proto("a keyring item another program wrote under __proto__ is passed over, named safely", () => {
  const sb = sandbox();
  const put = spawnSync("secret-tool", ["store", "--label=x", "service", sb.env.AIM_KEYRING_SERVICE as string, "username", "__proto__"], {
    input: "from-another-program",
    env: sb.env,
  });
  assert.is(put.status, 0, String(put.stderr));
  succeeds(sb.aim(["secrets", "set", "AIM_T_K"], { input: "v" }));
  const list = sb.aim(["secrets", "list", "--json"]);
  assert.is(list.code, 0, list.stderr);
  assert.equal(
    JSON.parse(list.stdout).map((e: { key: string }) => e.key),
    ["AIM_T_K"],
  );
  const r = sb.aim(["exec", "--keys", "AIM_T_K", "--", process.execPath, "-e", PRINT]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), [null, null, null]);
});

const inherited = suite("names every object has (constructor, toString) are ordinary names");
inherited("exec --keys constructor, with none stored or inherited: missing, not a function handed over", () => {
  const { aim } = sandbox();
  expectRun(aim(["exec", "--keys", "constructor", "--", "true"]), {
    code: 125,
    stdout: "",
    stderr: /^aim: missing constructor .*aim secrets set constructor/,
  });
  succeeds(aim(["secrets", "set", "constructor"], { input: "stored-c" }));
  const r = aim(["exec", "--keys", "constructor", "--", process.execPath, "-e", PRINT]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), [null, "stored-c", null]);
});
inherited("a project's optional toString: skipped when absent; status says missing, not environment", () => {
  const sb = sandbox();
  const dir = layout(join(sb.dir, "work", "p"), { ".aimrc": "keys: [AIM_T_K]\noptional: [toString, {AIM_T_X: constructor}]\n" });
  succeeds(sb.aim(["secrets", "set", "AIM_T_K"], { input: "v" }));
  succeeds(sb.aim(["allow"], { cwd: dir }));
  const r = sb.aim(["exec", "--", process.execPath, "-e", PRINT], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), [null, null, null]);
  const status = sb.aim(["status", "--json"], { cwd: dir });
  assert.is(status.code, 0, status.stderr);
  const keys = JSON.parse(status.stdout).keys as Array<{ name: string; source: string }>;
  const of = (n: string) => keys.find((k) => k.name === n);
  assert.is(of("toString")?.source, "missing", status.stdout);
  assert.is(of("AIM_T_X")?.source, "missing", status.stdout);
});
inherited("aim tools: a tool key named constructor is not in the environment unless set there", () => {
  const sb = sandbox();
  writeGlobalConfig(sb.env, "config.yaml", "tools:\n  mytool:\n    keys: [constructor]\n");
  const r = sb.aim(["tools", "--json"]);
  assert.is(r.code, 0, r.stderr);
  const tool = JSON.parse(r.stdout).find((t: { name: string }) => t.name === "mytool");
  assert.equal(tool.keys, [{ name: "constructor", from: "constructor", inStore: false, inEnvironment: false }]);
  assert.is(tool.ready, false);
});
proto.run();
inherited.run();
