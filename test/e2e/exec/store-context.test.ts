// One store context per command: the store (keyring or vault, with what its first call
// learned), the providers and the global config are opened once and passed down. A second,
// fresh store would forget that the keyring failed; a second read of the
// config costs every command.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

const dead = suite("a D-Bus address whose socket is dead");
dead("aim exec says the keyring cannot be reached, never 'missing … add it'", () => {
  const { aim, dir } = sandbox({ AIM_BACKEND: "" });
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [AIM_T_DEAD]\n" });
  succeeds(aim(["secrets", "set", "AIM_T_DEAD"], { input: "v-1" }));
  succeeds(aim(["allow"], { cwd: proj }));
  // A bus address is set, so auto tries the keyring first; nothing listens on it.
  const DEAD = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, "no-such-bus")}`, AIM_BACKEND: "" };
  const r = aim(["exec", "--", "true"], { cwd: proj, env: DEAD });
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: AIM_T_DEAD is in the OS keyring, which aim cannot reach now/m);
  assert.not.match(r.stderr, /missing AIM_T_DEAD|add it with/);
});
dead.run();

const teamGet = suite("aim secrets get takes a reference");
teamGet("team:NAME --show prints the team file's value, as pass:PATH does", () => {
  const age = spawnSync("age-keygen", [], { encoding: "utf8" });
  assert.is(age.error, undefined, "age-keygen must be installed (apt install age)");
  const secret = age.stdout.match(/^AGE-SECRET-KEY-1\S+$/m)?.[0] as string;
  const { aim, dir } = sandbox({ AIM_IDENTITY: secret });
  const proj = layout(join(dir, "work", "proj"), { ".aimrc": "optional: []\n" });
  succeeds(aim(["team", "init"], { cwd: proj }));
  succeeds(aim(["team", "set", "SHARED_TOKEN"], { cwd: proj, input: "team-value-31" }));
  expectRun(aim(["secrets", "get", "team:SHARED_TOKEN", "--show"], { cwd: proj }), { code: 0, stdout: "team-value-31", stderr: "" });
  const missing = aim(["secrets", "get", "team:NOPE", "--show"], { cwd: proj });
  assert.is(missing.code, 1);
  assert.is(missing.stdout, "");
  assert.match(missing.stderr, /team:NOPE/);
  // The team file is written by aim team set: secrets set says so, before asking for a value.
  const set = aim(["secrets", "set", "team:SHARED_TOKEN"], { cwd: proj, input: "other" });
  assert.is(set.code, 2, set.stderr);
  assert.match(set.stderr, /^aim: aim secrets set cannot write team:SHARED_TOKEN\. Store it with: aim team set SHARED_TOKEN$/m);
  expectRun(aim(["secrets", "get", "team:SHARED_TOKEN", "--show"], { cwd: proj }), { code: 0, stdout: "team-value-31", stderr: "" });
});
teamGet.run();

/** The files one `aim exec -- true` in `cwd` opens, as strace saw them (misses left out). */
function opensOf(env: NodeJS.ProcessEnv, cwd: string, dir: string): string[] {
  assert.is(spawnSync("strace", ["-V"]).status, 0, "strace is NOT INSTALLED: apt-get install strace");
  const log = join(dir, "strace.log");
  const r = spawnSync("strace", ["-f", "-e", "trace=openat,open", "-o", log, process.execPath, AIM, "exec", "--", "true"], {
    cwd,
    env,
    encoding: "utf8",
  });
  assert.is(r.status, 0, r.stderr);
  const opens = readFileSync(log, "utf8")
    .split("\n")
    .filter((l) => /\bopen(at)?\(/.test(l) && !/ = -1 ENOENT/.test(l));
  assert.ok(opens.length > 10, "strace must have seen aim open files");
  return opens;
}
const count = (opens: string[], name: string) => opens.filter((l) => l.includes(`/${name}"`)).length;

const once = suite("one aim exec reads each of its files once");
once("config.json, .aimrc and trust.json are each opened at most once (strace)", () => {
  const { aim, env, dir } = sandbox();
  mkdirSync(env.AIM_CONFIG_DIR as string, { recursive: true });
  layout(env.AIM_CONFIG_DIR as string, { "config.json": '{"keys": []}\n' });
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [AIM_T_ONCE]\n" });
  succeeds(aim(["secrets", "set", "AIM_T_ONCE"], { input: "v-once" }));
  succeeds(aim(["allow"], { cwd: proj }));
  const opens = opensOf(env, proj, dir);
  assert.is(count(opens, "config.json"), 1, "config.json");
  assert.is(count(opens, ".aimrc"), 1, ".aimrc");
  assert.is(count(opens, "trust.json"), 1, "trust.json");
});
once("with a team: reference and the identity in the member's own store, config.json is still read once", () => {
  // No AIM_IDENTITY: the identity's store (keyring or vault) follows the backend setting,
  // which the command has read already.
  const { aim, env, dir } = sandbox({ AIM_IDENTITY: "" });
  mkdirSync(env.AIM_CONFIG_DIR as string, { recursive: true });
  layout(env.AIM_CONFIG_DIR as string, { "config.json": '{"keys": []}\n' });
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "optional: []\n" });
  succeeds(aim(["team", "init"], { cwd: proj }));
  succeeds(aim(["team", "set", "SHARED_ONCE"], { cwd: proj, input: "team-once-7" }));
  layout(proj, { ".aimrc": "keys:\n  - SHARED_ONCE: team:SHARED_ONCE\n" });
  succeeds(aim(["allow"], { cwd: proj }));
  expectRun(aim(["exec", "--", "sh", "-c", 'printf %s "$SHARED_ONCE"'], { cwd: proj }), { code: 0, stdout: "team-once-7", stderr: "" });
  assert.is(count(opensOf(env, proj, dir), "config.json"), 1, "config.json");
});
once.run();
