// `aim allow` and `aim status` with the encrypted file vault locked: neither asks for the
// passphrase (allow needs none to record trust; status reports what it cannot know), so a
// Ctrl-C at a prompt cannot leave trust half-recorded; a vault that does not open is said,
// and status exits non-zero instead of calling every key "missing".
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, sandbox, succeeds, TEST_PASSPHRASE } from "../../helpers/cli.js";

/** Runs aim on a pseudo-terminal (expect); a passphrase prompt is answered with Ctrl-C and the run ends 99. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const script = [
    "set timeout 60",
    `spawn ${process.execPath} ${AIM} ${args.join(" ")}`,
    'expect { -exact "passphrase" { send "\\x03"; expect eof; exit 99 } eof }',
    "catch wait result",
    "exit [lindex $result 3]",
  ].join("\n");
  const r = spawnSync("expect", ["-c", script], { env, cwd, encoding: "utf8", timeout: 90_000 });
  if (r.error) throw new Error(`expect(1) is missing: apt-get install expect (${r.error.message})`);
  return { code: r.status, out: r.stdout };
}

/** A vault holding AIM_T_A, a project asking for AIM_T_A and AIM_T_B, and aim's environment without the passphrase. */
function world() {
  const sb = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
  succeeds(sb.aim(["secrets", "set", "AIM_T_A"], { input: "va" }));
  const proj = join(sb.dir, "work");
  writeFileSync(join(proj, ".aimrc"), "keys: [AIM_T_A, AIM_T_B]\n");
  const locked = { ...sb.env, AIM_VAULT_PASSPHRASE: undefined } as NodeJS.ProcessEnv;
  delete locked.AIM_VAULT_PASSPHRASE;
  return { ...sb, proj, locked, file: join(proj, ".aimrc") };
}
const trusted = (sb: ReturnType<typeof world>) => JSON.parse(sb.aim(["status", "--json"]).stdout).trusted as boolean;

const allow = suite("aim allow with the vault locked");
allow("on a terminal: no passphrase prompt; trust recorded; the keys' presence said to be unknown", () => {
  const sb = world();
  const r = onTerminal(["allow"], sb.locked, sb.proj);
  assert.is(r.code, 0, r.out);
  assert.is(
    r.out.replace(/\r/g, "").replace(/^spawn .*\n/, ""),
    `aim: allowed ${sb.file} (keys: AIM_T_A ?, AIM_T_B ?; the vault is locked, so which of them it holds is not known: aim vault unlock, then aim status)\n`,
  );
  assert.is(trusted(sb), true);
});
allow("on a terminal, changed file: still no prompt (nothing recorded half-way)", () => {
  const sb = world();
  succeeds(sb.aim(["allow"]));
  writeFileSync(sb.file, "keys: [AIM_T_A]\n");
  assert.is(trusted(sb), false);
  const r = onTerminal(["allow"], sb.locked, sb.proj);
  assert.is(r.code, 0, r.out);
  assert.is(trusted(sb), true);
});

const status = suite("aim status when the vault does not open");
status("a wrong AIM_VAULT_PASSPHRASE: no key called missing; the vault named; exit 1", () => {
  const sb = world();
  succeeds(sb.aim(["allow"]));
  const r = sb.aim(["status"], { env: { AIM_VAULT_PASSPHRASE: "not the passphrase" } });
  expectRun(r, {
    code: 1,
    stdout: new RegExp(
      `^project file: ${sb.file} \\(trusted\\)\\n {2}\\? AIM_T_A: unknown\\n {2}\\? AIM_T_B: unknown\\nstore: the passphrase in AIM_VAULT_PASSPHRASE does not open the vault .*\\n$`,
    ),
    stderr:
      /^aim: the store could not be read, so which keys it holds is not known: the passphrase in AIM_VAULT_PASSPHRASE does not open the vault /,
  });
  assert.not.match(r.stdout, /missing/);
  const json = sb.aim(["status", "--json"], { env: { AIM_VAULT_PASSPHRASE: "not the passphrase" } });
  assert.is(json.code, 1);
  const doc = JSON.parse(json.stdout);
  assert.equal(
    doc.keys.map((k: { source: string }) => k.source),
    ["unknown", "unknown"],
  );
  assert.is(doc.store.ok, false);
});
status("locked, on a terminal: no prompt; keys unknown; exit 1", () => {
  const sb = world();
  succeeds(sb.aim(["allow"]));
  const r = onTerminal(["status"], sb.locked, sb.proj);
  assert.is(r.code, 1, r.out);
  assert.match(r.out, / {2}\? AIM_T_A: unknown/);
  assert.not.match(r.out, /missing/);
});
status("an inherited key still counts while the store cannot be read", () => {
  const sb = world();
  succeeds(sb.aim(["allow"]));
  const r = sb.aim(["status", "--json"], { env: { AIM_VAULT_PASSPHRASE: "not the passphrase", AIM_T_B: "inherited" } });
  assert.is(r.code, 1);
  assert.equal(
    JSON.parse(r.stdout).keys.map((k: { source: string }) => k.source),
    ["unknown", "environment"],
  );
});
allow.run();
status.run();
