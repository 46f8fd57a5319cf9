import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, succeeds } from "../../helpers/cli.js";
import { plant } from "../../helpers/keyring.js";
import { layout } from "../../helpers/project.js";

// Keyring entries aim did not write: other programs share the Secret Service.
const outside = suite("keyring entries other programs wrote are checked before use");
const KEYRING = { AIM_BACKEND: "keyring" };
const HOSTILE = "X;echo INJECTED #";

function shell(name: "bash" | "zsh" | "fish", code: string, env: NodeJS.ProcessEnv) {
  const file = join(env.AIM_DATA_DIR as string, `..`, `export.${name}`);
  writeFileSync(file, code);
  const script = name === "fish" ? `source ${file}; echo "GOOD=$GOOD"` : `eval "$(cat ${file})"; echo "GOOD=$GOOD"`;
  const r = spawnSync(name, ["-c", script], { env, encoding: "utf8" });
  if (r.error) throw new Error(`${name} is missing: ${r.error.message}`);
  return r;
}

outside("item 1: a name that is shell code is skipped with a warning (export, list, exec, hook), in bash, zsh and fish", () => {
  const { aim, env, dir } = sandbox(KEYRING);
  succeeds(aim(["secrets", "set", "GOOD"], { input: "v1" }));
  plant(env, HOSTILE, "v");
  plant(env, "$(echo INJECTED)", "v");
  for (const name of ["bash", "zsh", "fish"] as const) {
    const r = aim(["secrets", "export", "--all", "--shell", name]);
    assert.is(r.code, 0, r.stderr);
    assert.not.match(r.stdout, /INJECTED/, `${name}: the hostile name reached the shell code`);
    assert.match(r.stderr, /^aim: skipping 2 entries of keyring service .* not a valid key name .*"X;echo INJECTED #"/m);
    const ran = shell(name, r.stdout, env);
    assert.is(ran.status, 0, ran.stderr);
    assert.not.match(ran.stdout + ran.stderr, /INJECTED/, name);
    assert.match(ran.stdout, /GOOD=v1/, name);
  }
  const list = aim(["secrets", "list"]);
  assert.is(list.code, 0, list.stderr);
  assert.not.match(list.stdout, /INJECTED/);
  assert.match(list.stdout, /^default\s+GOOD /m);
  assert.match(list.stderr, /skipping 2 entries/);
  const exec = aim(["exec", "--keys", "GOOD", "--", "sh", "-c", "echo $GOOD"]);
  assert.is(exec.code, 0, exec.stderr);
  assert.is(exec.stdout, "v1\n");
  assert.is(exec.stderr, "");
  // The hook, evaluated by each shell as its prompt would.
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [GOOD]\n" });
  succeeds(aim(["allow"], { cwd: proj }));
  for (const name of ["bash", "zsh", "fish"] as const) {
    const hook = aim(["hook-env", name, "1", proj], { cwd: proj });
    assert.is(hook.code, 0, hook.stderr);
    assert.not.match(hook.stdout, /INJECTED/, name);
    const ran = shell(name, hook.stdout, env);
    assert.is(ran.status, 0, ran.stderr);
    assert.not.match(ran.stdout + ran.stderr, /INJECTED/, name);
    assert.match(ran.stdout, /GOOD=v1/, name);
  }
});

outside("item 2: terminal escapes in a name never reach the terminal", () => {
  const { aim, env } = sandbox(KEYRING);
  plant(env, "E\x1b[31mRED\x1b]0;pwned\x07", "v");
  succeeds(aim(["secrets", "set", "GOOD", "--description", "desc\x1b[2Jhere"], { input: "v" }));
  const r = aim(["secrets", "list"]);
  assert.is(r.code, 0, r.stderr);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for a raw ESC is the point
  assert.not.match(r.stdout + r.stderr, /\x1b/, "an escape character was printed");
  assert.match(r.stderr, /"E\\u001b\[31mRED\\u001b\]0;pwned\\u0007"/);
  assert.match(r.stdout, /desc\\u001b\[2Jhere/);
});

outside("item 3: a value holding a NUL is refused naming the key, never the value", () => {
  const { aim, env } = sandbox(KEYRING);
  plant(env, "KNUL", Buffer.from("abc\0defSECRET"));
  const r = aim(["exec", "--keys", "KNUL", "--", "true"]);
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: cannot hand over KNUL: the value of KNUL contains a NUL byte.*aim secrets set KNUL\n$/);
  assert.not.match(r.stderr, /abc|def|SECRET|internal error/);
  const ex = aim(["secrets", "export", "KNUL"]);
  assert.is(ex.code, 1);
  assert.is(ex.stdout, "");
  assert.match(ex.stderr, /^aim: the value of KNUL contains a NUL byte/);
  assert.not.match(ex.stderr, /abc|def|SECRET/);
});

outside("item 4: migrate --to file with an entry named 'bad name' writes a vault aim can read", () => {
  const { aim, env } = sandbox({ ...KEYRING, AIM_VAULT_PASSPHRASE: "pass phrase 4 test", AIM_VAULT_WORK_FACTOR: "10" });
  succeeds(aim(["secrets", "set", "GOOD"], { input: "v1" }));
  plant(env, "bad name", "v");
  const r = aim(["secrets", "migrate", "--to", "file"], { env: { AIM_BACKEND: "" } });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /skipping 1 entry .*"bad name"/);
  assert.match(r.stderr, /moved 1 to the encrypted file vault .*: GOOD/);
  const after = { AIM_BACKEND: "file" };
  const list = aim(["secrets", "list"], { env: after });
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, /^default\s+GOOD .* yes$/m);
  const get = aim(["secrets", "get", "GOOD", "--show"], { env: after });
  assert.is(get.code, 0, get.stderr);
  assert.is(get.stdout, "v1");
});

outside("item 5: two items for one key: every path takes the most recently modified, doctor says so", async () => {
  const { aim, env } = sandbox(KEYRING);
  succeeds(aim(["secrets", "set", "GOOD"], { input: "old" }));
  for (let i = 1; i <= 7; i++) assert.is(aim(["secrets", "set", `K${i}`], { input: `v${i}` }).code, 0);
  // The Secret Service keeps times in seconds: Python's write comes a second later.
  await new Promise((r) => setTimeout(r, 1100));
  plant(env, "GOOD", "new", { application: "Python keyring library" });
  const get = aim(["secrets", "get", "GOOD", "--show"]);
  assert.is(get.code, 0, get.stderr);
  assert.is(get.stdout, "new");
  assert.is(get.stderr, "");
  const keys = ["GOOD", ...Array.from({ length: 7 }, (_, i) => `K${i + 1}`)].join(",");
  const exec = aim(["exec", "--keys", keys, "--", "sh", "-c", "echo $GOOD $K7"]);
  assert.is(exec.code, 0, exec.stderr);
  assert.is(exec.stdout, "new v7\n");
  const ex = aim(["secrets", "export", "--all", "--shell", "bash"]);
  assert.is(ex.stderr, "");
  assert.match(ex.stdout, /^export GOOD='new';$/m);
  const doc = aim(["doctor"]);
  assert.is(doc.stderr, "");
  assert.match(doc.stdout, /GOOD: 2 items in the keyring .*most recently modified/);
});

outside.run();
