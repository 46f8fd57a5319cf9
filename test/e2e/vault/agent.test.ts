import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { filesContaining, sandbox, TEST_PASSPHRASE, expectRun, succeeds } from "../../helpers/cli.js";
import { vaultFile } from "../../helpers/vault.js";

/** Running, and not a zombie waiting for whichever process adopted it to reap it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

/** Every process whose argv (or, for `pid`, environment) holds `needle`. */
function processesHolding(needle: string, pid?: number): string[] {
  const hits: string[] = [];
  for (const p of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    const files = Number(p) === pid ? ["cmdline", "environ"] : ["cmdline"];
    for (const f of files) {
      try {
        if (readFileSync(`/proc/${p}/${f}`).includes(needle)) hits.push(`${p}/${f}`);
      } catch {}
    }
  }
  return hits;
}

// A vault at the real work factor: unlocking costs one scrypt, and then no command does.
function unlockedWorld() {
  const run = mkdtempSync(join(tmpdir(), "aim-run-"));
  const world = sandbox({ AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: undefined, AIM_VAULT_WORK_FACTOR: undefined, XDG_RUNTIME_DIR: run });
  return { ...world, run, pass: { AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE } };
}

const agent = suite("aim vault unlock / status / lock");
agent("unlock once, then commands need no passphrase; lock ends it", () => {
  const { aim, env, dir, run, pass } = unlockedWorld();
  succeeds(aim(["secrets", "set", "K"], { input: "sk-agent-value", env: pass }));
  const u = aim(["vault", "unlock"], { env: pass });
  assert.is(u.code, 0, u.stderr);
  assert.is(u.stdout, "");
  const pid = Number(
    u.stderr.match(/^aim: unlocked .*vault\.age until 4h unused \(agent pid (\d+)\); lock it with: aim vault lock\n$/)?.[1],
  );
  assert.ok(pid > 0 && alive(pid), u.stderr);

  // No passphrase in the environment and no terminal: only the agent can have opened it
  // (no scrypt run here; a timed check would only add flakiness under load).
  const got = aim(["secrets", "get", "K", "--show"]);
  assert.is(got.code, 0, got.stderr);
  assert.is(got.stdout, "sk-agent-value");
  assert.is(got.stderr, "");
  succeeds(aim(["secrets", "set", "K2"], { input: "second" }));
  expectRun(aim(["secrets", "get", "K2", "--show"]), { code: 0, stdout: "second", stderr: "" });

  const st = aim(["vault", "status", "--json"]);
  assert.is(st.code, 0);
  assert.is(st.stderr, "");
  const status = JSON.parse(st.stdout);
  assert.equal([status.vault, status.exists, status.unlocked, status.agentPid], [vaultFile(env), true, true, pid]);

  // The passphrase is in the agent's memory only.
  assert.equal(filesContaining(dir, TEST_PASSPHRASE), []);
  assert.equal(filesContaining(run, TEST_PASSPHRASE), []);
  assert.equal(filesContaining(process.env.HOME as string, TEST_PASSPHRASE), []);
  assert.equal(processesHolding(TEST_PASSPHRASE, pid), []);
  const sockDir = join(run, `aim-${process.getuid?.()}`);
  assert.is(statSync(sockDir).mode & 0o777, 0o700);
  const sock = readdirSync(sockDir).filter((n) => n.endsWith(".sock"));
  assert.is(sock.length, 1);
  assert.is(statSync(join(sockDir, sock[0] as string)).mode & 0o777, 0o600);

  const again = aim(["vault", "unlock"]);
  assert.is(again.code, 0);
  assert.is(again.stdout, "");
  assert.match(again.stderr, new RegExp(`already unlocked \\(agent pid ${pid}\\)`));

  const l = aim(["vault", "lock"]);
  assert.is(l.code, 0);
  assert.is(l.stdout, "");
  assert.is(l.stderr, "aim: locked the vault: its agent has stopped\n");
  assert.not.ok(alive(pid));
  assert.equal(readdirSync(sockDir), []);
  const locked = aim(["vault", "status"]);
  assert.is(locked.code, 1);
  assert.is(locked.stdout, "");
  assert.match(locked.stderr, /is locked; unlock it with: aim vault unlock/);
  const denied = aim(["secrets", "get", "K"]);
  assert.is(denied.code, 1);
  assert.is(denied.stdout, "");
  assert.match(denied.stderr, /is locked and there is no terminal/);
  expectRun(aim(["vault", "lock"]), { code: 0, stdout: "", stderr: "aim: the vault was not unlocked; nothing to do\n" });
});
agent("the agent locks itself after the idle timeout", async () => {
  const { aim, pass } = unlockedWorld();
  const u = aim(["vault", "unlock", "--timeout", "1s"], { env: { ...pass, AIM_VAULT_WORK_FACTOR: "10" } });
  assert.is(u.code, 0, u.stderr);
  assert.is(u.stdout, "");
  assert.match(u.stderr, /created and unlocked/);
  const pid = Number(u.stderr.match(/agent pid (\d+)/)?.[1]);
  // The agent started (asking it with aim vault status could take longer than its 1 s
  // under load; the first test covers a served request).
  assert.ok(pid > 0, u.stderr);
  // Wait on the event itself, the agent's exit, rather than a fixed time.
  const until = Date.now() + 15_000;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  assert.not.ok(alive(pid), "the agent was still running 15 s after its 1 s idle timeout");
  expectRun(aim(["vault", "status"]), { code: 1, stdout: "", stderr: /is locked; unlock it with: aim vault unlock/ });
});
agent("a wrong passphrase starts no agent; a bad timeout is a usage error", () => {
  const { aim, pass } = unlockedWorld();
  succeeds(aim(["secrets", "set", "K"], { input: "v", env: { ...pass, AIM_VAULT_WORK_FACTOR: "10" } }));
  const r = aim(["vault", "unlock"], { env: { AIM_VAULT_PASSPHRASE: "nope" } });
  assert.is(r.code, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /does not open the vault/);
  expectRun(aim(["vault", "status"]), { code: 1, stdout: "", stderr: /is locked; unlock it with: aim vault unlock/ });
  const t = aim(["vault", "unlock", "--timeout", "soon"], { env: pass });
  assert.is(t.code, 2);
  assert.is(t.stdout, "");
  assert.match(t.stderr, /"soon" is not a duration/);
  const h = aim(["vault", "--help"]);
  assert.is(h.code, 0);
  assert.is(h.stderr, "");
  assert.match(h.stdout, /^Usage: aim vault <command>/);
  for (const sub of ["unlock", "lock", "status"])
    expectRun(aim(["vault", sub, "--help"]), { code: 0, stdout: new RegExp(`^Usage: aim vault ${sub}`), stderr: "" });
});
agent.run();
