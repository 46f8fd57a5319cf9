import { spawnSync } from "node:child_process";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execWithKeys, resolveEnv } from "../../../src/index.js";
import { apiSandbox } from "../../helpers/api.js";
import { AIM, BACKEND, sandbox, succeeds } from "../../helpers/cli.js";
import { toolSandbox } from "../../helpers/fixture-tools.js";
import { node24, nodeWithoutExecve } from "../../helpers/node24.js";

// @both-backends: on the file pass AIM_VAULT_PASSPHRASE is what really opens the vault.

// aim's own credentials: the identity that opens every team file (past versions too, through
// git history) and the passphrase that opens the whole vault. A command aim starts never
// receives them unless it asks for one by name.
const IDENTITY = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
const PASSPHRASE = "correct horse battery staple 7Q!";
const PROBE =
  "process.stdout.write(JSON.stringify({id: process.env.AIM_IDENTITY ?? null, pass: process.env.AIM_VAULT_PASSPHRASE ?? null, other: process.env.AIM_T_OTHER ?? null}))";
const creds = { AIM_IDENTITY: IDENTITY, AIM_VAULT_PASSPHRASE: PASSPHRASE, AIM_T_OTHER: "kept" };

function exec(node: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const r = spawnSync(node, [AIM, "exec", ...args, "--", process.execPath, "-e", PROBE], { env, cwd, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stderr, "");
  return JSON.parse(r.stdout) as { id: string | null; pass: string | null; other: string | null };
}

const child = suite("aim's own credentials never reach the command");
for (const [path, node, extra] of [
  ["execve (Node 24)", node24, []],
  ["spawn (Node 20)", nodeWithoutExecve, []],
  ["spawn with --mask", () => process.execPath, ["--mask"]],
] as const) {
  child(`aim exec, ${path}: AIM_IDENTITY and AIM_VAULT_PASSPHRASE are removed; other variables stay`, () => {
    const { env, dir } = sandbox(creds);
    const got = exec(node(), [...extra, "--no-config"], env, `${dir}/work`);
    assert.equal(got, { id: null, pass: null, other: "kept" });
  });
}
child("aim exec --keys AIM_IDENTITY hands over that one, asked for by name, and not the passphrase", () => {
  const { env, dir } = sandbox(creds);
  const got = exec(node24(), ["--keys", "AIM_IDENTITY"], env, `${dir}/work`);
  assert.equal(got, { id: IDENTITY, pass: null, other: "kept" });
  if (BACKEND === "file") {
    const both = exec(node24(), ["--keys", "AIM_IDENTITY,AIM_VAULT_PASSPHRASE"], env, `${dir}/work`);
    assert.equal(both, { id: IDENTITY, pass: PASSPHRASE, other: "kept" });
  }
});
child("a project's .aimrc that lists AIM_IDENTITY gets it; one that does not, does not", () => {
  const { aim, env, dir } = sandbox(creds);
  const work = `${dir}/work`;
  spawnSync("sh", ["-c", 'printf "keys: [AIM_T_OTHER]\\n" > .aimrc'], { cwd: work });
  succeeds(aim(["allow"]));
  assert.equal(exec(process.execPath, [], env, work), { id: null, pass: null, other: "kept" });
  spawnSync("sh", ["-c", 'printf "keys: [AIM_T_OTHER]\\noptional: [AIM_IDENTITY]\\n" > .aimrc'], { cwd: work });
  succeeds(aim(["allow"]));
  assert.equal(exec(process.execPath, [], env, work), { id: IDENTITY, pass: null, other: "kept" });
});
child("aim run: the tool does not receive them", () => {
  const { aim } = toolSandbox({ ...creds, ANTHROPIC_API_KEY: "sk-ant-inherited-0001" });
  // The fixture reports key-like names only (…_KEY): a probe tool in the registry reports all.
  const r = aim(["run", "claude"], { env: { FIXTURE_ECHO: "AIM_IDENTITY" } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^echo:\n/m);
  assert.not.match(r.stdout + r.stderr, IDENTITY);
  const p = aim(["run", "claude"], { env: { FIXTURE_ECHO: "AIM_VAULT_PASSPHRASE" } });
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stdout, /^echo:\n/m);
});
child("the API (execWithKeys, resolveEnv): the same rule", async () => {
  const { opts } = apiSandbox(creds);
  const r = await execWithKeys(process.execPath, ["-e", PROBE], { ...opts, noConfig: true });
  assert.is(r.exitCode, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { id: null, pass: null, other: "kept" });
  const asked = await execWithKeys(process.execPath, ["-e", PROBE], { ...opts, noConfig: true, keys: ["AIM_IDENTITY"] });
  assert.is(JSON.parse(asked.stdout).id, "*****", "named: handed over (and masked in captured output)");
  const env = await resolveEnv({ ...opts, noConfig: true });
  assert.is(env.env.AIM_IDENTITY, undefined);
  assert.is(env.env.AIM_VAULT_PASSPHRASE, undefined);
  assert.is(env.env.AIM_T_OTHER, "kept");
});
child.run();
