import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, filesContaining, sandbox, succeeds } from "../../helpers/cli.js";
import { passStore } from "../../helpers/pass.js";

const VALUE = "sk-pass-3e9a1c7d";
const pass = suite("pass: references");
// GPG key generation is slow: one shared store for the file, one stranger for the locked case.
const shared = passStore();

pass("aim secrets set/get pass:PATH go through pass, with the value on stdin only", () => {
  const store = shared;
  const { aim } = sandbox(store.vars);
  const set = aim(["secrets", "set", "pass:work/openai"], { input: `${VALUE}\n` });
  assert.is(set.code, 0, set.stderr);
  assert.is(set.stdout, "");
  assert.is(set.stderr, "aim: stored pass:work/openai in the password store\n");
  // Encrypted to both recipients, as pass does: each key id is a recipient of the .gpg file.
  const list = spawnSync("gpg", ["--list-packets", join(store.env.PASSWORD_STORE_DIR as string, "work", "openai.gpg")], {
    env: store.env,
    encoding: "utf8",
  });
  assert.is((list.stdout + list.stderr).match(/:pubkey enc packet:/g)?.length, 2);
  const got = aim(["secrets", "get", "pass:work/openai", "--show"]);
  assert.is(got.code, 0, got.stderr);
  assert.is(got.stdout, VALUE);
  assert.is(got.stderr, "");
  const missing = aim(["secrets", "get", "pass:work/nothing", "--show"]);
  assert.is(missing.code, 1);
  assert.is(missing.stdout, "");
  assert.is(missing.stderr, "aim: pass:work/nothing is not in the password store. Add it with: aim secrets set pass:work/nothing\n");
  assert.equal(filesContaining(store.dir, VALUE), []);
});

pass("no pass, a bad path, a store without your key: one aim line with the fix", () => {
  const store = shared;
  const { aim } = sandbox(store.vars);
  const nopass = aim(["secrets", "get", "pass:x", "--show"], { env: { PATH: "/nonexistent" } });
  assert.is(nopass.code, 1);
  assert.is(nopass.stdout, "");
  assert.is(nopass.stderr, "aim: pass is not installed (needed for pass: references). Install it: apt install pass (brew install pass)\n");
  const bad = aim(["secrets", "get", "pass:../etc/passwd", "--show"]);
  assert.is(bad.code, 1);
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /^aim: pass:\.\.\/etc\/passwd is not a password-store path/);
  succeeds(aim(["secrets", "set", "pass:team/k"], { input: VALUE }));
  // Another user's GNUPGHOME: none of the store's secret keys.
  const other = passStore();
  const locked = aim(["secrets", "get", "pass:team/k", "--show"], { env: { GNUPGHOME: other.env.GNUPGHOME } });
  assert.is(locked.code, 1);
  assert.is(locked.stdout, "");
  assert.match(locked.stderr, /^aim: pass:team\/k is not encrypted to a GPG key of yours/);
  assert.not.match(locked.stderr, VALUE);
  other.stop();
});

pass("strace: the value never travels on any argv, and no file aim writes holds it", () => {
  const store = shared;
  const { dir } = sandbox(store.vars);
  const log = join(dir, "strace.log");
  const traced = (args: string[], input = "") =>
    spawnSync("strace", ["-f", "-s", "4096", "-e", "trace=execve", "-o", log, process.execPath, ...args], {
      env: { ...store.env, AIM_DATA_DIR: join(dir, "data"), NO_COLOR: "1" },
      input,
      encoding: "utf8",
    });
  const set = traced([AIM, "secrets", "set", "pass:trace/k"], VALUE);
  assert.is(set.status, 0, set.stderr);
  assert.match(readFileSync(log, "utf8"), /execve\("[^"]*pass", \["pass", "insert", "--multiline", "--force", "trace\/k"\]/);
  assert.not.match(readFileSync(log, "utf8"), VALUE);
  const get = traced([AIM, "secrets", "get", "pass:trace/k", "--show"]);
  assert.is(get.stdout, VALUE);
  assert.not.match(readFileSync(log, "utf8"), VALUE);
  store.stop();
});

pass.run();
