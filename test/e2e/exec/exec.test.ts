import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { FIXTURES, PRINT_KEYS, SIGNAL_CHILD, copyFixture, layout, startAim } from "../../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const sha = (v: string) => createHash("sha256").update(v).digest("hex");
const node = process.execPath;

/** A sandbox with a trusted project in work/proj whose .aimrc says `aimrc`. */
function project(
  aimrc = "keys: [AIM_T_ONE]\noptional: [AIM_T_OPT]\n",
  secrets: Record<string, string> = { AIM_T_ONE: "one-secret-value" },
) {
  const sb = sandbox();
  const dir = layout(join(sb.dir, "work", "proj"), { ".aimrc": aimrc });
  for (const [k, v] of Object.entries(secrets)) assert.is(sb.aim(["secrets", "set", k], { input: v }).code, 0);
  const allowed = sb.aim(["allow"], { cwd: dir });
  assert.is(allowed.code, 0, allowed.stderr);
  assert.is(allowed.stdout, "");
  return { ...sb, proj: dir };
}

const codes = suite("aim exec: exit status");
codes("passes the child's exit code through (0, 1, 42, 255)", () => {
  const { aim } = sandbox();
  for (const n of [0, 1, 42, 255]) {
    const r = aim(["exec", "--no-config", "--", node, "-e", `process.exit(${n})`]);
    assert.is(r.code, n);
    assert.is(r.stdout, "");
    assert.is(r.stderr, "");
  }
});
codes("127 when the command is not found, 126 when it cannot be executed", () => {
  const { aim, dir } = sandbox();
  const nf = aim(["exec", "--", "aim-no-such-command"]);
  assert.is(nf.code, 127);
  assert.is(nf.stdout, "");
  assert.match(nf.stderr, /^aim: command not found: aim-no-such-command\./);
  writeFileSync(join(dir, "work", "script.sh"), "#!/bin/sh\necho hi\n", { mode: 0o644 });
  const ne = aim(["exec", "--", "./script.sh"]);
  assert.is(ne.code, 126);
  assert.is(ne.stdout, "");
  assert.match(ne.stderr, /cannot be executed.*chmod \+x/);
});
codes("dies by the child's signal (SIGTERM, SIGKILL)", () => {
  const { aim } = sandbox();
  for (const sig of ["SIGTERM", "SIGKILL"]) {
    const r = aim(["exec", "--", "sh", "-c", `kill -${sig.slice(3)} $$`]);
    assert.is(r.signal, sig);
    assert.is(r.code, null);
    assert.is(r.stdout, "");
    assert.is(r.stderr, "");
  }
});
codes("usage errors are aim's failures too: 125 for no command, an unknown flag", () => {
  const { aim } = sandbox();
  const none = aim(["exec", "--"]);
  assert.is(none.code, 125);
  assert.is(none.stdout, "");
  assert.match(none.stderr, /no command given/);
  const bad = aim(["exec", "--frob", "--", "true"]);
  assert.is(bad.code, 125);
  assert.is(bad.stdout, "");
  assert.is(bad.stderr, 'aim: unknown option "--frob". See: aim exec --help\n');
  const help = aim(["exec", "--help"]);
  assert.is(help.code, 0);
  assert.is(help.stderr, "");
  assert.match(help.stdout, /^Usage: aim exec/);
});
codes("the command's own flags are left alone without --", () => {
  const { aim } = sandbox();
  const r = aim(["exec", "--no-config", "sh", "-c", 'echo "$@"', "sh", "--mask", "x"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "--mask x\n");
});
codes.run();

const signals = suite("aim exec: signals and streams");
for (const [sig, code] of [
  ["SIGTERM", 7],
  ["SIGINT", 8],
] as const) {
  signals(`${sig} sent to aim reaches the child, whose own exit code comes back`, async () => {
    const { env, dir } = sandbox();
    const run = startAim(["exec", "--", node, SIGNAL_CHILD], { cwd: join(dir, "work"), env });
    await run.waitFor("ready");
    run.child.kill(sig);
    const r = await run.done;
    assert.is(r.code, code, r.stderr);
    assert.is(r.stdout, `ready\ngot ${sig}\n`);
  });
}
signals("SIGHUP, SIGQUIT, SIGUSR1 and SIGWINCH are forwarded too", async () => {
  const { env, dir } = sandbox();
  const run = startAim(["exec", "--", node, SIGNAL_CHILD], { cwd: join(dir, "work"), env });
  await run.waitFor("ready");
  for (const sig of ["SIGHUP", "SIGQUIT", "SIGUSR1", "SIGWINCH"] as const) {
    run.child.kill(sig);
    await run.waitFor(`got ${sig}`);
  }
  run.child.kill("SIGUSR2");
  const r = await run.done;
  assert.is(r.code, 0);
});
signals("stdin streams through: printf data | aim exec -- cat", () => {
  const { aim } = sandbox();
  const r = aim(["exec", "--", "cat"], { input: "data\nmore" });
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.is(r.stdout, "data\nmore");
});
signals.run();

const keys = suite("aim exec: keys");
keys("a trusted project's keys reach the child; keyring wins over inherited values", () => {
  const { aim, proj } = project();
  const r = aim(["exec", "--", node, PRINT_KEYS, "AIM_T_ONE", "AIM_T_OPT"], { cwd: proj, env: { AIM_T_ONE: "inherited" } });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { AIM_T_ONE: sha("one-secret-value"), AIM_T_OPT: null });
  assert.is(r.stderr, "");
});
keys("a required key the keyring lacks is taken from the environment (CI)", () => {
  const { aim, proj } = project("keys: [AIM_T_ONE, AIM_T_CI]\n");
  const r = aim(["exec", "--", node, PRINT_KEYS, "AIM_T_CI"], { cwd: proj, env: { AIM_T_CI: "from-ci" } });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { AIM_T_CI: sha("from-ci") });
});
keys("a missing required key: 125, nothing runs, the fix is named", () => {
  const { aim, proj } = project("keys: [AIM_T_ONE, AIM_T_ABSENT]\n");
  const r = aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: proj });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: missing AIM_T_ABSENT \(required by .*proj\/\.aimrc\)\. Add it with: aim secrets set AIM_T_ABSENT\n$/);
});
keys("the nearest .aimrc governs in nested projects", () => {
  const { aim, proj } = project("keys: [AIM_T_ONE]\n", { AIM_T_ONE: "outer", AIM_T_TWO: "inner" });
  const inner = layout(join(proj, "packages", "inner"), { ".aimrc.yml": "keys: [AIM_T_TWO]\n" });
  succeeds(aim(["allow"], { cwd: inner }));
  const r = aim(["exec", "--", node, PRINT_KEYS, "AIM_T_ONE", "AIM_T_TWO"], { cwd: join(inner) });
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.equal(JSON.parse(r.stdout), { AIM_T_ONE: null, AIM_T_TWO: sha("inner") });
  mkdirSync(join(proj, "src", "deep"), { recursive: true });
  const sub = aim(["exec", "--", node, PRINT_KEYS, "AIM_T_ONE"], { cwd: join(proj, "src", "deep") });
  assert.is(sub.code, 0);
  assert.is(sub.stderr, "");
  assert.equal(JSON.parse(sub.stdout), { AIM_T_ONE: sha("outer") });
});
keys("--only restricts, --keys adds without trust, --no-config ignores the project", () => {
  const { aim, proj, dir } = project("keys: [AIM_T_ONE, AIM_T_TWO]\n", { AIM_T_ONE: "1", AIM_T_TWO: "2", AIM_T_X: "x" });
  const only = aim(["exec", "--only", "AIM_T_TWO", "--", node, PRINT_KEYS, "AIM_T_ONE", "AIM_T_TWO"], { cwd: proj });
  assert.is(only.code, 0);
  assert.is(only.stderr, "");
  assert.equal(JSON.parse(only.stdout), { AIM_T_ONE: null, AIM_T_TWO: sha("2") });
  const plain = join(dir, "work");
  const extra = aim(["exec", "--keys", "AIM_T_X", "--", node, PRINT_KEYS, "AIM_T_X"], { cwd: plain });
  assert.is(extra.code, 0, extra.stderr);
  assert.equal(JSON.parse(extra.stdout), { AIM_T_X: sha("x") });
  const noConfig = aim(["exec", "--no-config", "--keys", "AIM_T_X", "--", node, PRINT_KEYS, "AIM_T_ONE", "AIM_T_X"], { cwd: proj });
  assert.is(noConfig.code, 0);
  assert.is(noConfig.stderr, "");
  assert.equal(JSON.parse(noConfig.stdout), { AIM_T_ONE: null, AIM_T_X: sha("x") });
  const badName = aim(["exec", "--keys", "A-B", "--", "true"]);
  assert.is(badName.code, 125, "a bad --keys is aim's failure, not the command's exit 1");
  assert.is(badName.stdout, "");
  assert.match(badName.stderr, /"A-B" is not an environment variable name/);
});
keys("when the keyring is unreachable but the environment has every required key, the command runs", () => {
  const { aim, proj } = project();
  // AIM_BACKEND=keyring: without it, auto would take the file vault on a machine with no bus.
  const env = { DBUS_SESSION_BUS_ADDRESS: "", XDG_RUNTIME_DIR: "/nonexistent", AIM_T_ONE: "ci-value", AIM_BACKEND: "keyring" };
  const r = aim(["exec", "--", node, PRINT_KEYS, "AIM_T_ONE"], { cwd: proj, env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { AIM_T_ONE: sha("ci-value") });
  assert.match(r.stderr, /no D-Bus session bus.*running with the inherited environment/);
  const without = aim(["exec", "--", "true"], { cwd: proj, env: { ...env, AIM_T_ONE: undefined } });
  assert.is(without.code, 125);
  assert.is(without.stdout, "");
  assert.match(without.stderr, /^aim: no D-Bus session bus/);
});
keys("with no D-Bus on auto, exec reads the file vault (said once) and the environment fills in", () => {
  // Its own world, the same on both test passes: auto, no bus, no vault yet, no passphrase.
  const { aim } = sandbox({ AIM_BACKEND: undefined, AIM_VAULT_PASSPHRASE: undefined, AIM_VAULT_WORK_FACTOR: "10" });
  const env = { DBUS_SESSION_BUS_ADDRESS: "", XDG_RUNTIME_DIR: "/nonexistent", AIM_T_ONE: "ci-value" };
  const args = ["exec", "--keys", "AIM_T_ONE", "--", node, PRINT_KEYS, "AIM_T_ONE"];
  const r = aim(args, { env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { AIM_T_ONE: sha("ci-value") });
  assert.is(r.stderr.match(/using the encrypted file vault/g)?.length, 1, r.stderr);
  const vaultEnv = { ...env, AIM_VAULT_PASSPHRASE: "exec-test-pass" };
  succeeds(aim(["secrets", "set", "AIM_T_ONE"], { input: "from-the-vault", env: vaultEnv }));
  const fromVault = aim(args, { env: vaultEnv });
  assert.is(fromVault.code, 0, fromVault.stderr);
  assert.equal(JSON.parse(fromVault.stdout), { AIM_T_ONE: sha("from-the-vault") }, "the vault's value wins over the inherited one");
});
keys.run();

const trust = suite("aim exec: trust");
trust("an untrusted .aimrc runs nothing and exits 125", () => {
  const { aim, dir } = sandbox();
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [AIM_T_ONE]\n" });
  const r = aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: proj });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    /^aim: \/.*\/p\/\.aimrc is not allowed\. Review it, then run: aim allow; or run without it: aim exec --no-config --keys NAME -- COMMAND\n$/,
  );
});
trust("an edited file is untrusted until allowed again; deny revokes", () => {
  const { aim, proj } = project();
  writeFileSync(join(proj, ".aimrc"), "keys: [AIM_T_ONE, HOME]\n");
  const edited = aim(["exec", "--", "true"], { cwd: proj });
  assert.is(edited.code, 125);
  assert.is(edited.stdout, "");
  assert.match(edited.stderr, /changed since it was allowed\. Review it, then run: aim allow/);
  succeeds(aim(["allow"], { cwd: proj }));
  expectRun(aim(["exec", "--", "true"], { cwd: proj }), { code: 0, stdout: "", stderr: "" });
  const denied = aim(["deny"], { cwd: proj });
  assert.is(denied.code, 0);
  assert.is(denied.stdout, "");
  assert.match(denied.stderr, /^aim: denied /);
  const r = aim(["exec", "--", "true"], { cwd: proj });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /is denied/);
});
trust("a copy of an allowed .aimrc in another folder is not trusted, nor a symlink to it", () => {
  const { aim, proj, dir } = project();
  const copy = join(dir, "work", "copy");
  cpSync(proj, copy, { recursive: true });
  expectRun(aim(["exec", "--", "true"], { cwd: copy }), { code: 125, stdout: "", stderr: /^aim: / });
  const link = join(dir, "work", "link");
  mkdirSync(link);
  symlinkSync(join(proj, ".aimrc"), join(link, ".aimrc"));
  const r = aim(["exec", "--", "true"], { cwd: link });
  assert.is(r.code, 125);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /link\/\.aimrc is not allowed/);
});
trust("aim allow with no .aimrc is a clear error", () => {
  const { aim, dir } = sandbox();
  const r = aim(["allow", join(dir, "work")]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /no \.aimrc at or above/);
});
trust.run();

const config = suite("aim exec: malformed .aimrc files");
const EXPECTED: Record<string, RegExp> = {
  "bad-yaml": /^aim: \.aimrc: not valid YAML: /,
  "bad-json": /^aim: \.aimrc\.json: not valid JSON: /,
  "wrong-type": /^aim: \.aimrc: keys: must be a list\./,
  "not-a-list": /^aim: \.aimrc: keys: must be a list\./,
  "bad-name": /^aim: \.aimrc: keys\[2\]: "A-B" is not an environment variable name\./,
  "unknown-field": /^aim: \.aimrc: unknown field "key"\./,
  empty: /^aim: \.aimrc: the file is empty\./,
  "pkg-bad": /^aim: package\.json: optional\[0\]: must be a string or a mapping\./,
  // References (DESIGN "Profiles and references"): each names the file and the field.
  "ref-two-entries": /^aim: \.aimrc: keys\[0\]: a map with 2 entries; an entry is NAME or one VARIABLE: REFERENCE\./,
  "ref-empty-map": /^aim: \.aimrc: keys\[0\]: a map with no entry; /,
  "ref-bad-key":
    /^aim: \.aimrc: keys\[0\]\.OPENAI_API_KEY: "work\/team\/OPENAI_API_KEY" is not a reference \(NAME, PROFILE\/NAME or SCHEME:PATH/,
  "ref-bad-variable": /^aim: \.aimrc: keys\[0\]: "OPENAI-KEY" is not an environment variable name\./,
  "ref-profile-slash": /^aim: \.aimrc: profile: "work\/eu" is not a profile name \(.*no '\/'\)\./,
  "ref-long-profile": /^aim: \.aimrc: profile: "p{65}" is not a profile name \(.*at most 64/,
  "ref-unknown-scheme":
    /^aim: \.aimrc: keys\[0\]\.OPENAI_API_KEY: unknown scheme "vault" in "vault:kv\/openai" \(the schemes aim knows: team:, pass:; /,
  "ref-bad-path": /^aim: \.aimrc: keys\[0\]\.OPENAI_API_KEY: "team:openai-key": the path after team: must be a variable name/,
  "ref-not-string": /^aim: \.aimrc: keys\[0\]\.OPENAI_API_KEY: must be a string\./,
  "ref-twice-plain-mapped": /^aim: \.aimrc: keys\[1\]: OPENAI_API_KEY is listed twice \(also at keys\[0\]\)/,
  "ref-twice-mapped": /^aim: \.aimrc: optional\[0\]: OPENAI_API_KEY is listed twice \(also at keys\[0\]\)/,
};
config("every fixture in fixtures/aimrc gets its error: exit 125 under aim exec, 1 elsewhere", () => {
  const names = readdirSync(join(FIXTURES, "aimrc"));
  assert.equal(names.sort(), Object.keys(EXPECTED).sort(), "each fixture needs an expected message");
  const { aim, dir } = sandbox();
  for (const name of names) {
    const cwd = copyFixture(join("aimrc", name), join(dir, "work", name));
    for (const args of [["exec", "--", "sh", "-c", "echo ran"], ["allow"], ["status"]]) {
      const r = aim(args, { cwd });
      assert.is(r.code, args[0] === "exec" ? 125 : 1, `${name} ${args[0]}: ${r.stderr}`);
      assert.is(r.stdout, "", name);
      assert.match(r.stderr, EXPECTED[name] as RegExp, name);
    }
  }
});
config("code configs are never run, and status says they are ignored", () => {
  const { aim, dir } = sandbox();
  const marker = join(dir, "pwned");
  const code = `require("fs").writeFileSync(${JSON.stringify(marker)}, "x"); module.exports = { keys: ["HOME"] };`;
  const proj = layout(join(dir, "work", "codeproj"), {
    ".aimrc.js": code,
    "aim.config.js": code,
    "package.json": JSON.stringify({ name: "x", cosmiconfig: { searchPlaces: [".aimrc.js"] } }),
  });
  const r = aim(["exec", "--", "true"], { cwd: proj });
  assert.ok(!existsSync(marker), "project code must never run");
  // cosmiconfig's meta config may or may not add the search place; either way nothing runs.
  assert.ok(r.code === 0 || /aim never runs code from a project/.test(r.stderr), r.stderr);
  assert.is(r.stdout, "");
  rmSync(join(proj, "package.json"));
  const st = aim(["status"], { cwd: proj });
  assert.is(st.code, 0, st.stderr);
  assert.match(st.stdout, /ignored: .*\.aimrc\.js \(aim never runs code/);
  assert.match(st.stdout, /ignored: .*aim\.config\.js/);
  assert.ok(!existsSync(marker));
});
config.run();
