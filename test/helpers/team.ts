import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIM, type Result } from "./cli.js";

/** A team member on this machine: an own HOME, and for each command an own private D-Bus
 * session with its own gnome-keyring (unlocked from the login keyring kept in that HOME). */
export function member(name: string, root = mkdtempSync(join(tmpdir(), "aim-team-"))) {
  const home = join(root, name);
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    USER: name,
    NO_COLOR: "1",
    LANG: "C.UTF-8",
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: `${name}@example.test`,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: `${name}@example.test`,
  };
  const inSession = (argv: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Result => {
    const script = 'printf aim-test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 99; exec "$@"';
    const r = spawnSync("dbus-run-session", ["--", "bash", "-c", script, "member", ...argv], {
      cwd: opts.cwd ?? home,
      env: { ...env, ...opts.env },
      input: opts.input ?? "",
      encoding: "utf8",
      // A hang (a FIFO, /dev/zero) fails the test instead of stopping the run.
      timeout: 60_000,
      killSignal: "SIGKILL",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT")
      return { code: null, signal: "SIGKILL", stdout: r.stdout, stderr: `${r.stderr}\n(killed after 60 s)` };
    if (r.error) throw new Error(`dbus-run-session is needed for the team tests: ${r.error.message}`);
    // dbus-daemon's own complaint about fd limits is not aim's output.
    const stderr = r.stderr.replace(/^dbus-daemon\[\d+\].*\n/gm, "");
    // Nor is the environment a gnome-keyring-daemon prints when D-Bus starts one on demand (a
    // call that came before the daemon above owned its name, or after it died): that one
    // writes to the bus daemon's stdout, which is the session's. Seen once in a CI run, ahead
    // of secret-tool's and age's output; which of the two happened was not found.
    const stdout = r.stdout.replace(/^(GNOME_KEYRING_CONTROL|SSH_AUTH_SOCK)=.*\n/gm, "");
    return { code: r.status, signal: r.signal, stdout, stderr };
  };
  const aim = (args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) =>
    inSession([process.execPath, AIM, ...args], opts);
  const sh = (command: string, opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) =>
    inSession(["bash", "-c", command], opts);
  return { name, home, env, aim, sh, root };
}

export function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, env: { ...env, GIT_CONFIG_NOSYSTEM: "1" }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

export function writeFile(path: string, text: string): void {
  writeFileSync(path, text);
}

/** alice starts a project in a repository shared through a bare remote; bob will clone it. */
export function twoMembers() {
  const root = mkdtempSync(join(tmpdir(), "aim-team-"));
  const alice = member("alice", root);
  const bob = member("bob", root);
  const remote = join(root, "remote.git");
  git(root, alice.env, "init", "-q", "--bare", "-b", "main", remote);
  git(alice.home, alice.env, "clone", "-q", remote, "proj");
  const a = join(alice.home, "proj");
  writeFileSync(join(a, ".aimrc"), "optional: []\n");
  return { root, alice, bob, remote, a, b: join(bob.home, "proj") };
}

/** Commits everything in `cwd` and pushes it to the remote's main. */
export function push(cwd: string, env: NodeJS.ProcessEnv, msg: string): void {
  git(cwd, env, "add", "-A");
  git(cwd, env, "commit", "-q", "-m", msg);
  git(cwd, env, "push", "-q", "origin", "HEAD:main");
}
