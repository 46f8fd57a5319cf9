import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, TEST_PASSPHRASE, expectRun, succeeds } from "../../helpers/cli.js";
import { ageCli, readVault, vaultFile } from "../../helpers/vault.js";

const FAST = { AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" };
const NO_BUS = { DBUS_SESSION_BUS_ADDRESS: undefined };
const AUTO_LINE = /using the encrypted file vault/g;

const choice = suite("choosing the backend");
choice("auto with no D-Bus session uses the vault, and says so once per command", () => {
  const { aim, dir, env } = sandbox({ ...FAST, ...NO_BUS, AIM_BACKEND: undefined });
  const file = join(dir, "work", ".env");
  writeFileSync(file, "A=1\nB=2\nC=3\n");
  const r = aim(["secrets", "import", file]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr.match(AUTO_LINE)?.length, 1, r.stderr);
  assert.match(
    r.stderr,
    /^aim: using the encrypted file vault .*vault\.age: no D-Bus session bus, so no Secret Service \(keyring\) can be reached; set AIM_BACKEND=file .* to choose it and silence this line\naim: imported 3 new: A, B, C\n/,
  );
  const list = aim(["secrets", "list", "--json"]);
  assert.is(list.code, 0);
  assert.is(list.stderr.match(AUTO_LINE)?.length, 1);
  assert.equal(
    JSON.parse(list.stdout).map((x: { name: string; present: boolean }) => [x.name, x.present]),
    [
      ["A", true],
      ["B", true],
      ["C", true],
    ],
  );
  assert.is(readFileSync(vaultFile(env)).subarray(0, 21).toString(), "age-encryption.org/v1");
});
choice("auto with a D-Bus session uses the keyring and says nothing about it", () => {
  const { aim, env } = sandbox({ ...FAST, AIM_BACKEND: undefined });
  const r = aim(["secrets", "set", "K"], { input: "v" });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr, `aim: stored K in the OS keyring, service "${env.AIM_KEYRING_SERVICE}"\n`);
});
choice("auto falls back to the vault when the bus is there but nothing answers on it", () => {
  const { aim } = sandbox({ ...FAST, AIM_BACKEND: undefined, DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/aim-test-bus" });
  const r = aim(["secrets", "set", "K"], { input: "v" });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr.match(AUTO_LINE)?.length, 1, r.stderr);
  assert.match(r.stderr, /the keyring cannot be reached/);
  assert.match(r.stderr, /stored K in the encrypted file vault/);
});
choice("AIM_BACKEND=file and config.json's backend are obeyed silently; a bad value is refused", () => {
  const { aim, env } = sandbox({ ...FAST, AIM_BACKEND: undefined });
  const cfgDir = env.AIM_CONFIG_DIR as string;
  mkdirSync(cfgDir, { recursive: true });
  writeFileSync(join(cfgDir, "config.json"), JSON.stringify({ backend: "file", other: 1 }));
  const r = aim(["secrets", "set", "K"], { input: "v" });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr, `aim: stored K in the encrypted file vault ${vaultFile(env)}\n`);
  const e = aim(["secrets", "set", "K"], { input: "v", env: { AIM_BACKEND: "keyring", ...NO_BUS } });
  assert.is(e.code, 1, "env wins over config: keyring without a bus fails");
  assert.is(e.stdout, "");
  assert.match(e.stderr, /^aim: no D-Bus session bus, so no Secret Service \(keyring\) can be reached\./);
  writeFileSync(join(cfgDir, "config.json"), JSON.stringify({ backend: "cloud" }));
  const bad = aim(["secrets", "list"]);
  assert.is(bad.code, 1);
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /"backend" in .*config\.json is "cloud", not one of keyring, file, auto/);
});
choice.run();

const unlock = suite("passphrases");
unlock("a wrong passphrase fails with 1 (aim secrets and aim vault are no wrappers), says so, and leaves the vault byte for byte", () => {
  const { aim, env } = sandbox({ ...FAST, AIM_BACKEND: "file" });
  succeeds(aim(["secrets", "set", "K"], { input: "v1" }));
  const before = readFileSync(vaultFile(env));
  for (const args of [
    ["secrets", "set", "K"],
    ["secrets", "delete", "K"],
    ["secrets", "get", "K"],
  ]) {
    const r = aim(args, { input: "v2", env: { AIM_VAULT_PASSPHRASE: "wrong passphrase" } });
    assert.is(r.code, 1, args.join(" "));
    assert.is(r.stdout, "");
    assert.match(
      r.stderr,
      /^aim: the passphrase in AIM_VAULT_PASSPHRASE does not open the vault .*vault\.age; nothing was changed\. Check the passphrase/,
    );
    assert.not.match(r.stderr, /wrong passphrase/);
  }
  assert.equal(readFileSync(vaultFile(env)), before);
  expectRun(aim(["secrets", "get", "K", "--show"]), { code: 0, stdout: "v1", stderr: "" });
});
unlock(
  "with no passphrase and no terminal: 1 (aim secrets and aim vault are no wrappers) and how to unlock; reading an absent vault needs none",
  () => {
    const { aim, env } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: undefined });
    const empty = aim(["secrets", "list", "--json"]);
    assert.is(empty.code, 0, empty.stderr);
    assert.is(empty.stdout, "[]\n");
    const create = aim(["secrets", "set", "K"], { input: "v" });
    assert.is(create.code, 1);
    assert.is(create.stdout, "");
    assert.match(
      create.stderr,
      /no vault at .* yet, and no terminal to ask for a new passphrase\. Create it in a terminal with aim vault unlock, or set AIM_VAULT_PASSPHRASE/,
    );
    succeeds(aim(["secrets", "set", "K"], { input: "v", env: FAST }));
    const r = aim(["secrets", "get", "K"]);
    assert.is(r.code, 1);
    assert.is(r.stdout, "");
    assert.is(
      r.stderr,
      `aim: the vault ${vaultFile(env)} is locked and there is no terminal to ask for its passphrase. Unlock it for this login session with aim vault unlock, or set AIM_VAULT_PASSPHRASE (CI)\n`,
    );
  },
);
unlock.run();

const damage = suite("damaged vaults and the backup");
damage("every write keeps the previous good copy in vault.age.bak", async () => {
  const { aim, env } = sandbox({ ...FAST, AIM_BACKEND: "file" });
  succeeds(aim(["secrets", "set", "A"], { input: "1" }));
  succeeds(aim(["secrets", "set", "B"], { input: "2" }));
  assert.equal(await readVault(vaultFile(env)), { A: "1", B: "2" });
  assert.equal(await readVault(`${vaultFile(env)}.bak`), { A: "1" });
});
damage("a truncated or foreign vault is reported, never overwritten", () => {
  const { aim, env } = sandbox({ ...FAST, AIM_BACKEND: "file" });
  succeeds(aim(["secrets", "set", "A"], { input: "1" }));
  const whole = readFileSync(vaultFile(env));
  for (const bad of [whole.subarray(0, whole.length - 10), whole.subarray(0, 40), Buffer.from("A=1\n")]) {
    writeFileSync(vaultFile(env), bad);
    const r = aim(["secrets", "set", "B"], { input: "2" });
    assert.is(r.code, 1);
    assert.is(r.stdout, "");
    assert.match(
      r.stderr,
      /^aim: the vault .* is damaged or not an age file \(.*\); nothing was changed\. The previous version is kept in .*vault\.age\.bak/,
    );
    assert.equal(readFileSync(vaultFile(env)), bad);
  }
});
damage("a vault whose JSON was broken by hand is reported with where, not what", () => {
  const { aim, env } = sandbox({ ...FAST, AIM_BACKEND: "file" });
  succeeds(aim(["secrets", "set", "A"], { input: "1" }));
  const r1 = ageCli(["-d", "-o", `${vaultFile(env)}.plain`, vaultFile(env)], [TEST_PASSPHRASE]);
  assert.is(r1.code, 0, r1.out);
  writeFileSync(`${vaultFile(env)}.plain`, '{"A": sk-leaked-value}');
  const r2 = ageCli(["-p", "-o", vaultFile(env), `${vaultFile(env)}.plain`], [TEST_PASSPHRASE, TEST_PASSPHRASE]);
  assert.is(r2.code, 0, r2.out);
  const r = aim(["secrets", "list"]);
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /decrypts, but its content is not valid JSON/);
  assert.not.match(r.stderr, /leaked/);
});
damage.run();

const age = suite("interop with Debian's age(1)");
age("age -d opens what aim wrote; aim reads what age -p wrote after an edit, armored or not", async () => {
  // The real work factor (18), as a user gets it.
  const { aim, env } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE });
  const v = vaultFile(env);
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY"], { input: "sk-one" }));
  assert.is(aim(["secrets", "set", "GITHUB_TOKEN"], { input: "gh 'two'\nlines" }).code, 0); // re-encrypted by aim
  assert.match(readFileSync(v, "latin1"), /^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/);
  const plain = `${v}.plain`;
  const d = ageCli(["-d", "-o", plain, v], [TEST_PASSPHRASE]);
  assert.is(d.code, 0, d.out);
  const doc = JSON.parse(readFileSync(plain, "utf8"));
  assert.equal(doc, { GITHUB_TOKEN: "gh 'two'\nlines", OPENAI_API_KEY: "sk-one" });
  writeFileSync(plain, JSON.stringify({ ...doc, OPENAI_API_KEY: "sk-edited", ADDED_BY_HAND: "x" }, null, 4));
  const p = ageCli(["-p", "-a", "-o", v, plain], ["new passphrase 2", "new passphrase 2"]);
  assert.is(p.code, 0, p.out);
  const env2 = { AIM_VAULT_PASSPHRASE: "new passphrase 2" };
  const got = aim(["secrets", "get", "OPENAI_API_KEY", "--show"], { env: env2 });
  assert.is(got.code, 0, got.stderr);
  assert.is(got.stdout, "sk-edited");
  expectRun(aim(["secrets", "get", "ADDED_BY_HAND", "--show"], { env: env2 }), { code: 0, stdout: "x", stderr: "" });
  succeeds(aim(["secrets", "set", "THIRD"], { input: "3", env: env2 }));
  const again = ageCli(["-d", v], ["new passphrase 2"]);
  assert.is(again.code, 0, again.out);
  assert.match(again.out, /"THIRD": "3"/);
  assert.match(again.out, /"OPENAI_API_KEY": "sk-edited"/);
});
age.run();
