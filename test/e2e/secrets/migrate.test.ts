import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox, TEST_PASSPHRASE, expectRun, jsonOf, succeeds } from "../../helpers/cli.js";
import { readVault, vaultFile } from "../../helpers/vault.js";

const PASS = { AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" };
const V1 = "sk-migrate-one-5d1f";
const V2 = "two 'quoted'\nand $multi-line";
const lookup = (service: string, key: string) =>
  spawnSync("secret-tool", ["lookup", "service", service, "username", key], { encoding: "utf8" }).stdout;

const migrate = suite("aim secrets migrate");
migrate("keyring to file and back: names reported, values and metadata kept, sources emptied", async () => {
  const { aim, env } = sandbox({ ...PASS, AIM_BACKEND: undefined });
  const service = env.AIM_KEYRING_SERVICE as string;
  succeeds(aim(["secrets", "set", "A_KEY", "-d", "first"], { input: V1 }));
  succeeds(aim(["secrets", "set", "B_KEY"], { input: V2 }));
  const before = jsonOf(aim(["secrets", "list", "--json"]));

  const r = aim(["secrets", "migrate", "--to", "file"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  const config = join(env.AIM_CONFIG_DIR as string, "config.json");
  assert.is(
    r.stderr,
    `aim: moved 2 to the encrypted file vault ${vaultFile(env)}: A_KEY, B_KEY\naim: aim now uses the file backend ("backend": "file" in ${config})\n`,
  );
  assert.not.ok(r.stderr.includes(V1));
  assert.equal(JSON.parse(readFileSync(config, "utf8")), { backend: "file" });
  assert.equal(await readVault(vaultFile(env)), { A_KEY: V1, B_KEY: V2 });
  assert.is(lookup(service, "A_KEY"), "", "the keyring no longer holds it");
  // The metadata now says where each key lives; everything else is as it was.
  const inVault = before.map((r: Record<string, unknown>) => ({ ...r, store: "file" }));
  assert.equal(jsonOf(aim(["secrets", "list", "--json"])), inVault, "same names, descriptions, times, all present");
  expectRun(aim(["secrets", "get", "B_KEY", "--show"]), { code: 0, stdout: V2, stderr: "" });

  const back = aim(["secrets", "migrate", "--to", "keyring"]);
  assert.is(back.code, 0, back.stderr);
  assert.is(back.stdout, "");
  assert.match(back.stderr, /^aim: moved 2 to the OS keyring, service "aim-test-.*": A_KEY, B_KEY\n/);
  assert.is(lookup(service, "B_KEY"), V2);
  assert.equal(await readVault(vaultFile(env)), {});
  assert.equal(JSON.parse(readFileSync(config, "utf8")), { backend: "keyring" });
  assert.equal(jsonOf(aim(["secrets", "list", "--json"])), before);
});
migrate("refuses a move to where the secrets already are, and a clash without --force", () => {
  const { aim, env } = sandbox({ ...PASS, AIM_BACKEND: "keyring" });
  succeeds(aim(["secrets", "set", "K"], { input: "keyring-value" }));
  const same = aim(["secrets", "migrate", "--to", "keyring"]);
  assert.is(same.code, 2);
  assert.is(same.stdout, "");
  assert.match(same.stderr, /the secrets are already in the OS keyring/);
  succeeds(aim(["secrets", "set", "K"], { input: "vault-value", env: { AIM_BACKEND: "file" } }));
  const clash = aim(["secrets", "migrate", "--to", "file"]);
  assert.is(clash.code, 2);
  assert.is(clash.stdout, "");
  assert.match(clash.stderr, /already holds other values for K; nothing was moved\. Compare them, then run again with --force/);
  expectRun(aim(["secrets", "get", "K", "--show"]), { code: 0, stdout: "keyring-value", stderr: "" });
  const forced = aim(["secrets", "migrate", "--to", "file", "--force"]);
  assert.is(forced.code, 0, forced.stderr);
  assert.is(forced.stdout, "");
  assert.match(forced.stderr, /AIM_BACKEND is set in your environment: set AIM_BACKEND=file/);
  assert.not.ok(existsSync(join(env.AIM_CONFIG_DIR as string, "config.json")), "AIM_BACKEND decides, so config.json is left alone");
  expectRun(aim(["secrets", "get", "K", "--show"], { env: { AIM_BACKEND: "file" } }), { code: 0, stdout: "keyring-value", stderr: "" });
  const bad = aim(["secrets", "migrate", "--to", "cloud"]);
  assert.is(bad.code, 2);
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /--to must be file or keyring/);
  expectRun(aim(["secrets", "--help"]), { code: 0, stdout: /migrate --to BACKEND/, stderr: "" });
  const help = aim(["secrets", "migrate", "--help"]);
  assert.is(help.code, 0);
  assert.is(help.stderr, "");
  assert.match(help.stdout, /^Usage: aim secrets migrate --to file\|keyring \[--force\]/);
});
migrate("profiles move as they are: work/X stays work/X, each with its own metadata", async () => {
  const { aim, env } = sandbox({ ...PASS, AIM_BACKEND: undefined });
  const service = env.AIM_KEYRING_SERVICE as string;
  succeeds(aim(["secrets", "set", "OPENAI_API_KEY", "-d", "personal"], { input: V1 }));
  succeeds(aim(["secrets", "set", "work/OPENAI_API_KEY", "-d", "work"], { input: V2 }));
  const before = jsonOf(aim(["secrets", "list", "--json"]));
  assert.is(before.length, 2);
  const r = aim(["secrets", "migrate", "--to", "file"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /moved 2 to the encrypted file vault .*: OPENAI_API_KEY, work\/OPENAI_API_KEY\n/);
  assert.equal(await readVault(vaultFile(env)), { OPENAI_API_KEY: V1, "work/OPENAI_API_KEY": V2 });
  assert.is(lookup(service, "work/OPENAI_API_KEY"), "");
  // The records move as they are, noting the store that now holds each value.
  const moved = before.map((r: Record<string, unknown>) => ({ ...r, store: "file" }));
  assert.equal(jsonOf(aim(["secrets", "list", "--json"])), moved, "same keys, profiles, descriptions and times");
  expectRun(aim(["secrets", "get", "OPENAI_API_KEY", "--profile", "work", "--show"]), { code: 0, stdout: V2, stderr: "" });
  const back = aim(["secrets", "migrate", "--to", "keyring"]);
  assert.is(back.code, 0, back.stderr);
  assert.is(back.stdout, "");
  assert.is(lookup(service, "work/OPENAI_API_KEY"), V2);
  assert.equal(jsonOf(aim(["secrets", "list", "--json"])), before);
});
migrate.run();
