// A member who cannot open the team file, where the team file is used: aim exec and aim run
// (125, one line naming the member's own key), the bash hook (one line, the shell goes on,
// nothing half-loaded); and every other way the file can fail, under exec and outside it.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { toolEnv } from "../../helpers/fixture-tools.js";
import { withShell } from "../../helpers/hook-shells.js";
import { layout } from "../../helpers/project.js";

const VALUE = "sk-team-exec-6e2f90";

/** A fresh age identity from Debian's age-keygen, and its public key. */
function identity(): { secret: string; key: string } {
  const r = spawnSync("age-keygen", [], { encoding: "utf8" });
  assert.is(r.error, undefined, "age-keygen must be installed (apt install age)");
  const secret = r.stdout.match(/^AGE-SECRET-KEY-1\S+$/m)?.[0] as string;
  const key = spawnSync("age-keygen", ["-y"], { input: secret, encoding: "utf8" }).stdout.trim();
  assert.match(key, /^age1[0-9a-z]{58}$/);
  return { secret, key };
}

/** alice's project: a team file with SHARED_TOKEN, a store key beside it, trusted. */
function project() {
  const alice = identity();
  const sb = sandbox({ AIM_IDENTITY: alice.secret });
  const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": "optional: []\n" });
  succeeds(sb.aim(["team", "init"], { cwd: proj }));
  succeeds(sb.aim(["team", "set", "SHARED_TOKEN"], { cwd: proj, input: VALUE }));
  succeeds(sb.aim(["secrets", "set", "AIM_T_PLAIN"], { input: "plain-value" }));
  layout(proj, { ".aimrc": "keys:\n  - SHARED_TOKEN: team:SHARED_TOKEN\n  - AIM_T_PLAIN\n" });
  succeeds(sb.aim(["allow"], { cwd: proj }));
  return { ...sb, proj, file: join(proj, ".aim", "team.age") };
}

const stranger = suite("team: a member who is not a recipient");
stranger("aim exec and aim run: 125, one line naming the member's own key, nothing on stdout", () => {
  const { aim, env, proj, file } = project();
  const bob = identity();
  const line = `aim: you are not a recipient of ${file}. Ask a member to run: aim team add ${bob.key}\n`;
  const asBob = { AIM_IDENTITY: bob.secret };
  expectRun(aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: proj, env: asBob }), { code: 125, stdout: "", stderr: line }, "exec");
  expectRun(aim(["exec", "--", "true"], { cwd: proj, env: asBob }), { code: 125, stdout: "", stderr: line }, "exec -- true");
  // aim run reads the project's keys besides the tool's: the fixture tool must not start.
  // toolEnv starts from the sandbox's env: from this process's, it would carry the aim
  // settings an in-process API test left there (another data folder, with no trust record).
  expectRun(aim(["run", "claude", "-p", "hi"], { cwd: proj, env: toolEnv(asBob, env) }), { code: 125, stdout: "", stderr: line }, "run");
  // Outside exec the same line exits 1.
  expectRun(aim(["team", "get", "SHARED_TOKEN", "--show"], { cwd: proj, env: asBob }), { code: 1, stdout: "", stderr: line }, "get");
  // alice still reads it: the failure was bob's alone.
  expectRun(aim(["exec", "--", "sh", "-c", 'printf %s "$SHARED_TOKEN"'], { cwd: proj }), { code: 0, stdout: VALUE, stderr: "" });
});

stranger("the bash hook: one aim line, nothing half-loaded, and the shell goes on", async () => {
  const { proj, file, ...sb } = project();
  const bob = identity();
  await withShell("bash", sb, { cwd: join(sb.dir, "work"), env: { AIM_IDENTITY: bob.secret } }, async (sh) => {
    await sh.run("cd proj");
    assert.equal([await sh.value("SHARED_TOKEN"), await sh.value("AIM_T_PLAIN")], ["<unset>", "<unset>"], "nothing exported");
    assert.is(sh.term.count(`aim: you are not a recipient of ${file}. Ask a member to run: aim team add ${bob.key}`), 1);
    assert.is(sh.term.count("aim: "), 1, "one line, no stack");
    assert.not.match(sh.term.screen(), /\bat .*\.js:\d+/);
    await sh.run("sh -c 'exit 5'");
    assert.is(await sh.lastStatus(), "5", "the shell goes on");
    await sh.run("cd ..");
    assert.is(sh.term.count("aim: "), 1, "leaving says nothing more");
  });
});
stranger.run();

const faults = suite("team: every failure is 125 under exec, 1 outside");
faults("no team file, no identity, a bad AIM_IDENTITY, a damaged file", () => {
  const { aim, proj, file } = project();
  const cases: Array<[string, NodeJS.ProcessEnv, RegExp, () => void]> = [
    [
      "no identity",
      { AIM_IDENTITY: undefined, AIM_KEYRING_SERVICE: `aim-test-noid-${process.pid}` },
      /^aim: you have no team identity on this machine\. Run: aim team whoami, and ask a member to run: aim team add <your key>\n$/,
      () => {},
    ],
    ["a bad AIM_IDENTITY", { AIM_IDENTITY: "AGE-SECRET-KEY-1NOPE" }, /^aim: AIM_IDENTITY is not an age X25519 identity/, () => {}],
    [
      "a damaged file",
      {},
      /^aim: .*team\.age is damaged or not an age file .*\. Restore it from git: git checkout -- \.aim\/team\.age\n$/,
      () => writeFileSync(file, "age-encryption.org/v1\n-> X25519 nope\n"),
    ],
    ["no team file", {}, /^aim: there is no team file .*team\.age\. Start one with: aim team init\n$/, () => spawnSync("rm", ["-f", file])],
  ];
  for (const [what, env, stderr, arrange] of cases) {
    arrange();
    expectRun(aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: proj, env }), { code: 125, stdout: "", stderr }, `exec, ${what}`);
    expectRun(aim(["team", "get", "SHARED_TOKEN", "--show"], { cwd: proj, env }), { code: 1, stdout: "", stderr }, `get, ${what}`);
  }
});
faults("usage errors of aim team exit 2, each one aim line naming the usage", () => {
  const { aim } = sandbox();
  const cases: Array<[string[], string]> = [
    [["team", "frob"], 'aim: unknown command "team frob". See: aim team --help\n'],
    [["team", "add"], "aim: missing KEY. Usage: aim team add KEY [--name NAME]\n"],
    [["team", "get"], "aim: missing NAME. Usage: aim team get NAME [--show]\n"],
    [["team", "merge", "a"], "aim: missing OURS. Usage: aim team merge BASE OURS THEIRS\n"],
    [["team", "set", "X", "--bogus"], 'aim: unknown option "--bogus". See: aim team set --help\n'],
  ];
  for (const [args, stderr] of cases) expectRun(aim(args), { code: 2, stdout: "", stderr }, args.join(" "));
});
faults.run();
