// aim doctor on a project's team file and on the password store: each way they fail is a
// line with its fix, and no value is ever printed.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, succeeds } from "../../helpers/cli.js";
import { passStore } from "../../helpers/pass.js";
import { layout } from "../../helpers/project.js";

const VALUE = "sk-doctor-team-never-shown-2c81";

function identity(): { secret: string; key: string } {
  const r = spawnSync("age-keygen", [], { encoding: "utf8" });
  assert.is(r.error, undefined, "age-keygen must be installed (apt install age)");
  const secret = r.stdout.match(/^AGE-SECRET-KEY-1\S+$/m)?.[0] as string;
  return { secret, key: spawnSync("age-keygen", ["-y"], { input: secret, encoding: "utf8" }).stdout.trim() };
}

/** The doctor's lines about `prefix` (team…, password store…), with their fixes. */
function rows(stdout: string, prefix: RegExp): string[] {
  const lines = stdout.split("\n");
  return lines.flatMap((l, i) => {
    if (!prefix.test(l.slice(6))) return [];
    const fix = lines[i + 1]?.match(/^\s+fix: (.*)$/)?.[1];
    return [`${l.replace(/\s{2,}/g, " | ").trim()}${fix ? ` | fix: ${fix}` : ""}`];
  });
}

const team = suite("aim doctor: the team file");
team("identity, recipients and the file: ok, then each way they fail", () => {
  const alice = identity();
  const sb = sandbox({ AIM_IDENTITY: alice.secret });
  const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": "optional: []\n" });
  succeeds(sb.aim(["team", "init"], { cwd: proj }));
  succeeds(sb.aim(["team", "set", "SHARED_TOKEN"], { cwd: proj, input: VALUE }));
  const file = join(proj, ".aim", "team.age");
  const doctor = (env: NodeJS.ProcessEnv = {}) => {
    const r = sb.aim(["doctor"], { cwd: proj, env });
    assert.is(r.stderr, "");
    assert.not.match(r.stdout, VALUE);
    return { code: r.code, rows: rows(r.stdout, /^team /) };
  };
  assert.equal(doctor(), {
    code: 0,
    rows: [
      "ok | team identity | from AIM_IDENTITY",
      `ok | team recipients | 1 in ${join(proj, ".aim", "recipients")}`,
      `ok | team file | ${file} opens for you (1 names)`,
    ],
  });
  const bob = identity();
  assert.equal(doctor({ AIM_IDENTITY: bob.secret }), {
    code: 1,
    rows: [
      "ok | team identity | from AIM_IDENTITY",
      `ok | team recipients | 1 in ${join(proj, ".aim", "recipients")}`,
      `FAIL | team file | you are not a recipient of ${file} | fix: ask a member to run: aim team add ${bob.key}`,
    ],
  });
  assert.equal(doctor({ AIM_IDENTITY: undefined }), {
    code: 1,
    rows: ["FAIL | team identity | none on this machine | fix: run: aim team whoami, and ask a member to add you"],
  });
  // .aim/recipients edited without re-encrypting: a warning pointing at aim team list.
  const recipients = join(proj, ".aim", "recipients");
  const listed = readFileSync(recipients, "utf8");
  writeFileSync(recipients, `${listed}# bob\n${bob.key}\n`);
  assert.equal(doctor().rows.at(-1), `warn | team file | ${file} is not encrypted to exactly .aim/recipients | fix: see: aim team list`);
  writeFileSync(recipients, `${listed}not-a-key\n`);
  const bad = doctor();
  assert.is(bad.code, 1);
  assert.match(
    bad.rows.join("\n"),
    /^FAIL \| team recipients \| .*recipients line 5: "not-a-key" is not an age public key/m,
    bad.rows.join("\n"),
  );
});
team.run();

const pass = suite("aim doctor: the password store");
pass("a usable store, a store with none of your keys, a locked key, no pass", () => {
  const store = passStore({ keys: ["erin"] });
  const locked = passStore({ passphrase: "correct horse 7" });
  try {
    store.insert("work/openai", VALUE);
    locked.insert("work/openai", VALUE);
    locked.stop();
    const sb = sandbox(store.vars);
    const doctor = (env: NodeJS.ProcessEnv = {}) => {
      const r = sb.aim(["doctor"], { env });
      assert.is(r.stderr, "");
      assert.not.match(r.stdout, VALUE);
      return { code: r.code, rows: rows(r.stdout, /^password store/) };
    };
    const dir = store.env.PASSWORD_STORE_DIR as string;
    assert.equal(doctor(), {
      code: 0,
      rows: [`ok | password store | pass works (store ${dir})`, "ok | password store key | your secret key for erin@example.test is here"],
    });
    const stranger = passStore({ keys: ["frank"] });
    try {
      assert.equal(doctor({ GNUPGHOME: stranger.env.GNUPGHOME }), {
        code: 1,
        rows: [
          `ok | password store | pass works (store ${dir})`,
          "FAIL | password store key | you hold the secret key of none of the store's recipients (erin@example.test) | fix: ask whoever shares the store to add your key: pass init -p <folder> <ids…>",
        ],
      });
    } finally {
      stranger.stop();
    }
    const lockedDir = locked.env.PASSWORD_STORE_DIR as string;
    assert.equal(doctor(locked.env), {
      code: 0,
      rows: [
        `ok | password store | pass works (store ${lockedDir})`,
        "warn | password store key | your key for carol@example.test needs its passphrase, and gpg-agent does not hold it: the shell hook and commands with no terminal cannot read pass: keys | fix: unlock it in a terminal: pass show PATH >/dev/null (gpg-agent then keeps it unlocked)",
      ],
    });
    assert.equal(doctor({ PATH: "/nonexistent" }), {
      code: 1,
      rows: [
        `FAIL | password store | pass is not installed (needed for pass: references) | fix: install it: apt install pass (brew install pass)`,
      ],
    });
  } finally {
    store.stop();
    locked.stop();
  }
});
pass.run();
