import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, type Result, sandbox, TEST_PASSPHRASE } from "../../helpers/cli.js";
import { readVault, vaultFile } from "../../helpers/vault.js";

/** Starts `aim secrets set`, and SIGKILLs it after `killAfterMs` when given. */
function setAndMaybeKill(env: NodeJS.ProcessEnv, key: string, value: string, killAfterMs?: number): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [AIM, "secrets", "set", key], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end(value);
    if (killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const crash = suite("crash safety and concurrency of the file vault");
crash("SIGKILL in the middle of 50 rapid writes loses no acknowledged write", async () => {
  const { env } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" });
  const acked = new Map<string, string>();
  const killed: string[] = [];
  // Kill three writes at different moments: during start-up, during the read, during the write.
  const kills: Record<number, number> = { 10: 90, 25: 160, 40: 230 };
  for (let i = 0; i < 50; i++) {
    const key = `KEY_${i}`;
    const value = `value-${i}-${"x".repeat(i * 100)}`;
    const r = await setAndMaybeKill(env, key, value, kills[i]);
    if (r.code === 0) {
      acked.set(key, value);
      assert.is(r.stdout, "");
      assert.match(r.stderr, new RegExp(`^aim: stored ${key} `));
    } else {
      assert.is(r.signal, "SIGKILL", `write ${i} failed without being killed: ${r.stderr}`);
      killed.push(key);
    }
  }
  assert.ok(acked.size >= 47, `${acked.size} acknowledged`);
  const doc = await readVault(vaultFile(env));
  for (const [k, v] of acked) assert.is(doc[k], v, k);
  assert.ok(Object.keys(doc).length >= acked.size);
  assert.ok(existsSync(`${vaultFile(env)}.bak`));
  await readVault(`${vaultFile(env)}.bak`); // the backup is a whole vault too
  console.log(`    (${killed.length} killed: ${killed.join(", ") || "none, all finished first"})`);
});
crash("20 parallel sets on a fresh vault, at the real work factor, leave 20 values", async () => {
  const { env } = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: undefined });
  const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => setAndMaybeKill(env, `P_${i}`, `pv-${i}`)));
  for (const [i, r] of runs.entries()) expectRun(r, { code: 0, stdout: "", stderr: new RegExp(`^aim: stored P_${i} `) });
  const doc = await readVault(vaultFile(env));
  assert.equal(Object.keys(doc).sort(), Array.from({ length: 20 }, (_, i) => `P_${i}`).sort());
  for (let i = 0; i < 20; i++) assert.is(doc[`P_${i}`], `pv-${i}`);
});
crash.run();
