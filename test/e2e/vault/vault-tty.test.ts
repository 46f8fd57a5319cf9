import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, expectRun } from "../../helpers/cli.js";
import { readVault, vaultFile } from "../../helpers/vault.js";

// Hidden prompts need a terminal: expect(1) gives aim a pseudo-terminal and types for the
// user. The passphrase reaches expect in its environment (AIM_T_PASS, test-only) and is
// removed from aim's with `env -u`.
const PASS = "tty passphrase 9#";

function typeInto(args: string[], dialogue: Array<[string, string]>, env: NodeJS.ProcessEnv) {
  const steps = dialogue.map(
    ([prompt, answer]) => `expect -exact {${prompt}}\nsend -- "${answer === PASS ? "$env(AIM_T_PASS)" : answer}\\r"`,
  );
  const script = [
    "set timeout 60",
    `spawn env -u AIM_T_PASS ${process.execPath} ${AIM} ${args.join(" ")}`,
    ...steps,
    "expect eof",
    "catch wait result",
    "exit [lindex $result 3]",
  ].join("\n");
  const r = spawnSync("expect", ["-c", script], { env: { ...env, AIM_T_PASS: PASS }, encoding: "utf8", timeout: 90_000 });
  if (r.error) throw new Error(`expect(1) is missing: apt-get install expect (${r.error.message})`);
  return { code: r.status, out: r.stdout };
}

const tty = suite("passphrases typed on a terminal");
tty("secrets set on a terminal: the value, then a new vault passphrase twice, none echoed", async () => {
  const { env, aim } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: undefined, AIM_VAULT_WORK_FACTOR: "10" });
  const r = typeInto(
    ["secrets", "set", "K"],
    [
      ["Value for K: ", "typed-value"],
      ["new vault passphrase: ", PASS],
      ["the same passphrase again: ", PASS],
    ],
    env,
  );
  assert.is(r.code, 0, r.out);
  assert.match(r.out, /creating the encrypted vault/);
  assert.match(r.out, /stored K in the encrypted file vault/);
  assert.not.ok(r.out.includes(PASS), "the passphrase is not echoed");
  assert.not.ok(r.out.includes("typed-value"), "the value is not echoed");
  assert.equal(await readVault(vaultFile(env), PASS), { K: "typed-value" });
  // Not --show: that one never prompts (it is a key helper's command; test/e2e/secrets/key-helper.test.ts).
  const get = typeInto(["secrets", "get", "K"], [["passphrase for ", PASS]], env);
  assert.is(get.code, 0, get.out);
  assert.match(get.out, /type…lue\r?\n/);
  const wrong = typeInto(["secrets", "get", "K"], [["passphrase for ", "not-it"]], env);
  assert.is(wrong.code, 1, wrong.out);
  assert.match(wrong.out, /the passphrase you typed does not open the vault/);
  expectRun(
    aim(["secrets", "list"]),
    { code: 1, stdout: "", stderr: /^aim: .*no terminal/ },
    "a pipe is not a terminal: no prompt, a clear error",
  );
});
tty("vault unlock on a terminal creates the vault; two different answers create nothing", () => {
  const { env, aim } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: undefined, AIM_VAULT_WORK_FACTOR: "10" });
  const differ = typeInto(
    ["vault", "unlock"],
    [
      ["new vault passphrase: ", PASS],
      ["the same passphrase again: ", "other"],
    ],
    env,
  );
  assert.is(differ.code, 1, differ.out);
  assert.match(differ.out, /the two passphrases differ; no vault was created/);
  assert.not.ok(existsSync(vaultFile(env)));
  const ok = typeInto(
    ["vault", "unlock", "--timeout", "60s"],
    [
      ["new vault passphrase: ", PASS],
      ["the same passphrase again: ", PASS],
    ],
    env,
  );
  assert.is(ok.code, 0, ok.out);
  assert.match(ok.out, /created and unlocked/);
  const set = aim(["secrets", "set", "K"], { input: "through the agent" });
  assert.is(set.code, 0, set.stderr);
  assert.is(set.stdout, "");
  expectRun(aim(["secrets", "get", "K", "--show"]), { code: 0, stdout: "through the agent", stderr: "" });
  expectRun(aim(["vault", "lock"]), { code: 0, stdout: "", stderr: /^aim: locked the vault/ });
});
tty.run();

const piped = suite("a piped value, and the passphrase from the terminal");
piped("printf value | aim secrets set K asks for the vault passphrase on /dev/tty", async () => {
  const { env } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: undefined, AIM_VAULT_WORK_FACTOR: "10" });
  const script = [
    "set timeout 60",
    `spawn sh -c "printf piped-value | env -u AIM_T_PASS ${process.execPath} ${AIM} secrets set K; echo EXIT=\\$?"`,
    "expect -exact {new vault passphrase: }",
    'send -- "$env(AIM_T_PASS)\\r"',
    "expect -exact {the same passphrase again: }",
    'send -- "$env(AIM_T_PASS)\\r"',
    "expect eof",
  ].join("\n");
  const r = spawnSync("expect", ["-c", script], { env: { ...env, AIM_T_PASS: PASS }, encoding: "utf8", timeout: 90_000 });
  assert.match(r.stdout, /stored K in the encrypted file vault/);
  assert.match(r.stdout, /EXIT=0/);
  assert.not.ok(r.stdout.includes(PASS));
  assert.equal(await readVault(vaultFile(env), PASS), { K: "piped-value" });
});
piped.run();
