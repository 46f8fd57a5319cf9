// `aim exec --keys K` below a project file that may not hand out keys (never allowed, changed
// since, denied, broken): the keys named on the command line need no trust, so the command
// runs with them alone, and one line says the file was left out and how to silence it
// (--no-config). Without --keys the file still stops aim, and the message names --no-config
//.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execWithKeys } from "../../../src/index.js";
import { adoptAimSettings } from "../../helpers/api.js";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

// @both-backends: test/run.mjs runs this file on the keyring and again on the file vault.

const PRINT = "process.stdout.write(JSON.stringify([process.env.AIM_T_A ?? null, process.env.AIM_T_B ?? null]))";

/** A sandbox with AIM_T_A and AIM_T_B (and work/AIM_T_B) stored and a project file in work/p. */
function setup(aimrc = "keys: [AIM_T_A]\n") {
  const sb = sandbox();
  succeeds(sb.aim(["secrets", "set", "AIM_T_A"], { input: "value-a" }));
  succeeds(sb.aim(["secrets", "set", "AIM_T_B"], { input: "value-b" }));
  succeeds(sb.aim(["secrets", "set", "work/AIM_T_B"], { input: "work-b" }));
  const proj = layout(join(sb.dir, "work", "p"), { ".aimrc": aimrc });
  return { ...sb, proj, file: join(proj, ".aimrc") };
}

const below = suite("aim exec --keys below a project file that may not hand out keys");
below("never allowed: runs with the named key alone; one line names the file, aim allow and --no-config", () => {
  const { aim, proj, file } = setup("profile: work\nkeys: [AIM_T_A]\n");
  expectRun(aim(["exec", "--keys", "AIM_T_B", "--", process.execPath, "-e", PRINT], { cwd: proj }), {
    code: 0,
    // Not its keys, and not its profile either: AIM_T_B is the default profile's.
    stdout: '[null,"value-b"]',
    stderr: `aim: ${file} is not allowed, so only the keys named with --keys are handed over; run aim allow to add its keys, or pass --no-config to leave it out without this note\n`,
  });
  expectRun(aim(["exec", "--no-config", "--keys", "AIM_T_B", "--", process.execPath, "-e", PRINT], { cwd: proj }), {
    code: 0,
    stdout: '[null,"value-b"]',
    stderr: "",
  });
});
below("changed since it was allowed, and denied: the same", () => {
  const { aim, proj, file } = setup();
  succeeds(aim(["allow"], { cwd: proj }));
  writeFileSync(file, "keys: [AIM_T_A, AIM_T_C]\n");
  expectRun(aim(["exec", "--keys", "AIM_T_B", "--", process.execPath, "-e", PRINT], { cwd: proj }), {
    code: 0,
    stdout: '[null,"value-b"]',
    stderr: `aim: ${file} changed since it was allowed, so only the keys named with --keys are handed over; run aim allow to add its keys, or pass --no-config to leave it out without this note\n`,
  });
  succeeds(aim(["deny"], { cwd: proj }));
  expectRun(aim(["exec", "--keys", "AIM_T_B", "--", process.execPath, "-e", PRINT], { cwd: proj }), {
    code: 0,
    stdout: '[null,"value-b"]',
    stderr: `aim: ${file} is denied, so only the keys named with --keys are handed over; run aim allow to add its keys, or pass --no-config to leave it out without this note\n`,
  });
});
below("broken: runs with the named key; the file's error is named", () => {
  const { aim, proj } = setup("keys: [\n");
  expectRun(aim(["exec", "--keys", "AIM_T_B", "--", process.execPath, "-e", PRINT], { cwd: proj }), {
    code: 0,
    stdout: '[null,"value-b"]',
    stderr:
      /^aim: .*\.aimrc: not valid YAML.*; only the keys named with --keys are handed over; fix it to add its keys, or pass --no-config to leave it out without this note\n$/,
  });
});
below("allowed: --keys adds to the project's keys, as before", () => {
  const { aim, proj } = setup();
  succeeds(aim(["allow"], { cwd: proj }));
  expectRun(aim(["exec", "--keys", "AIM_T_B", "--", process.execPath, "-e", PRINT], { cwd: proj }), {
    code: 0,
    stdout: '["value-a","value-b"]',
    stderr: "",
  });
});
below("without --keys the file still stops aim (125), and the message says how to run without it", () => {
  const { aim, proj, file } = setup();
  expectRun(aim(["exec", "--", "true"], { cwd: proj }), {
    code: 125,
    stdout: "",
    stderr: `aim: ${file} is not allowed. Review it, then run: aim allow; or run without it: aim exec --no-config --keys NAME -- COMMAND\n`,
  });
});
below("the API (execWithKeys with keys): the same, the note in warnings", async () => {
  const { env, proj, file } = setup();
  adoptAimSettings(env);
  const r = await execWithKeys(process.execPath, ["-e", PRINT], { cwd: proj, env, keys: ["AIM_T_B"] });
  assert.is(r.exitCode, 0, r.stderr);
  assert.is(r.stdout, '[null,"*****"]');
  assert.equal(r.warnings, [
    `${file} is not allowed, so only the keys named with --keys are handed over; run aim allow to add its keys, or pass --no-config to leave it out without this note`,
  ]);
});
below.run();
