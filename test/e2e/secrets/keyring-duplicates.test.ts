// Two Secret Service items for one key: another program (Python's keyring, or `secret-tool
// store` with aim's attributes plus one of its own) adds a second item beside aim's. Every
// path reads the same item, the one written last, and no message shows the keyring library's
// internals. Against the real gnome-keyring of the keyring pass.
import { spawnSync } from "node:child_process";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";

const PRINT = "process.stdout.write(process.env.K_DUP ?? '<unset>')";
const OTHERS = ["A01", "A02", "A03", "A04", "A05", "A06", "A07"].map((k) => `AIM_T_${k}`);
const INTERNALS = /Entry|Wrapper|Path\(|credentials|\\0/;

/** Adds an item as Python's keyring does: aim's attributes and one more, so a second item. */
function otherProgram(env: NodeJS.ProcessEnv, key: string, value: string) {
  const r = spawnSync(
    "secret-tool",
    ["store", "--label=python", "service", env.AIM_KEYRING_SERVICE as string, "username", key, "application", "Python keyring library"],
    {
      env,
      input: value,
      encoding: "utf8",
    },
  );
  if (r.error) throw new Error(`secret-tool (libsecret-tools) is needed for this test: ${r.error.message}`);
  assert.is(r.status, 0, r.stderr);
}

function items(env: NodeJS.ProcessEnv, key: string): string[] {
  const r = spawnSync("secret-tool", ["search", "--all", "--unlock", "service", env.AIM_KEYRING_SERVICE as string, "username", key], {
    env,
    encoding: "utf8",
  });
  return [...`${r.stdout}\n${r.stderr}`.matchAll(/^secret = (.*)$/gm)].map((m) => m[1] as string).sort();
}

/** A service with enough keys that one key is read on its own (not by one search of the whole service), and K_DUP twice. */
function world() {
  const sb = sandbox();
  for (const [i, k] of [...OTHERS, "AIM_T_B08", "AIM_T_B09", "AIM_T_B10", "AIM_T_B11", "AIM_T_B12"].entries()) {
    succeeds(sb.aim(["secrets", "set", k], { input: `v${i}` }));
  }
  succeeds(sb.aim(["secrets", "set", "K_DUP"], { input: "written-by-aim" }));
  otherProgram(sb.env, "K_DUP", "written-last-by-python");
  assert.equal(items(sb.env, "K_DUP"), ["written-by-aim", "written-last-by-python"]);
  return sb;
}

const read = suite("two items for one key: every path reads the one written last");
read("secrets get --show, exec --keys K, exec of K with seven others, secrets export: the same value", () => {
  const { aim } = world();
  expectRun(aim(["secrets", "get", "K_DUP", "--show"]), { code: 0, stdout: "written-last-by-python", stderr: "" });
  expectRun(aim(["exec", "--keys", "K_DUP", "--", process.execPath, "-e", PRINT]), {
    code: 0,
    stdout: "written-last-by-python",
    stderr: "",
  });
  expectRun(aim(["exec", "--keys", ["K_DUP", ...OTHERS].join(","), "--", process.execPath, "-e", PRINT]), {
    code: 0,
    stdout: "written-last-by-python",
    stderr: "",
  });
  expectRun(aim(["secrets", "export", "K_DUP"]), { code: 0, stdout: "export K_DUP='written-last-by-python';\n", stderr: "" });
});
read("secrets set K then updates the item every path reads; delete removes the key, both items", () => {
  const { aim, env } = world();
  const set = aim(["secrets", "set", "K_DUP"], { input: "set-again-by-aim" });
  assert.is(set.code, 0, set.stderr);
  assert.not.match(set.stderr, INTERNALS);
  expectRun(aim(["secrets", "get", "K_DUP", "--show"]), { code: 0, stdout: "set-again-by-aim", stderr: "" });
  expectRun(aim(["exec", "--keys", ["K_DUP", ...OTHERS].join(","), "--", process.execPath, "-e", PRINT]), {
    code: 0,
    stdout: "set-again-by-aim",
    stderr: "",
  });
  const del = aim(["secrets", "delete", "K_DUP"]);
  assert.is(del.code, 0, del.stderr);
  assert.not.match(del.stderr, INTERNALS);
  assert.equal(items(env, "K_DUP"), []);
  expectRun(aim(["secrets", "get", "K_DUP", "--show"]), { code: 1, stdout: "", stderr: /^aim: .*K_DUP/ });
});
read("the item aim wrote is the newer one: every path reads it", () => {
  const sb = sandbox();
  for (const k of [...OTHERS, "AIM_T_B08", "AIM_T_B09", "AIM_T_B10", "AIM_T_B11", "AIM_T_B12"])
    succeeds(sb.aim(["secrets", "set", k], { input: "x" }));
  otherProgram(sb.env, "K_DUP", "older-by-python");
  // aim's own item, written after: the Secret Service's times are in seconds, so the tie goes to the item created last.
  const r = spawnSync("secret-tool", ["store", "--label=aim", "service", sb.env.AIM_KEYRING_SERVICE as string, "username", "K_DUP"], {
    env: sb.env,
    input: "newer-by-aim",
  });
  assert.is(r.status, 0);
  expectRun(sb.aim(["secrets", "get", "K_DUP", "--show"]), { code: 0, stdout: "newer-by-aim", stderr: "" });
  expectRun(sb.aim(["exec", "--keys", "K_DUP", "--", process.execPath, "-e", PRINT]), { code: 0, stdout: "newer-by-aim", stderr: "" });
  expectRun(sb.aim(["exec", "--keys", ["K_DUP", ...OTHERS].join(","), "--", process.execPath, "-e", PRINT]), {
    code: 0,
    stdout: "newer-by-aim",
    stderr: "",
  });
});
read.run();
