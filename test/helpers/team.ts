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
    });
    if (r.error) throw new Error(`dbus-run-session is needed for the team tests: ${r.error.message}`);
    // dbus-daemon's own complaint about fd limits is not aim's output.
    const stderr = r.stderr.replace(/^dbus-daemon\[\d+\].*\n/gm, "");
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr };
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
