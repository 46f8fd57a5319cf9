import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIM, type Result } from "./cli.js";

/**
 * Real local users for the tests where ownership decides (another user's .aimrc, a socket
 * planted by another user). Made with useradd and removed with userdel; that takes root,
 * and a test that cannot do it fails saying so rather than passing without proving anything.
 */
export interface LocalUser {
  name: string;
  uid: number;
  gid: number;
  /** Runs argv as this user, with exactly `env`. */
  run(argv: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; input?: string }): Result;
  /** Runs `aim args` as this user. */
  aim(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; input?: string }): Result;
  /** Starts argv as this user in the background (setpriv execs: the pid is the program's). */
  start(argv: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string }): ReturnType<typeof spawn>;
  /** A folder owned by this user (mode 0700) under `parent`. */
  folder(parent: string, name: string, mode?: number): string;
  remove(): void;
}

let made = 0;

export function localUser(role: string): LocalUser {
  if (process.getuid?.() !== 0)
    throw new Error(`this test makes a local user with useradd and so must run as root (it is uid ${process.getuid?.()})`);
  const name = `aimt-${role}-${process.pid % 100000}-${++made}`.slice(0, 31);
  const add = spawnSync("useradd", ["--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name], { encoding: "utf8" });
  if (add.status !== 0) throw new Error(`useradd ${name} failed: ${add.stderr}`);
  const id = (flag: string) => Number(spawnSync("id", [flag, name], { encoding: "utf8" }).stdout.trim());
  const uid = id("-u");
  const gid = id("-g");
  const as = (argv: string[]) => ["setpriv", `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--", ...argv];
  const run: LocalUser["run"] = (argv, opts) => {
    const [cmd, ...args] = as(argv) as [string, ...string[]];
    const r = spawnSync(cmd, args, { env: opts.env, cwd: opts.cwd ?? "/", input: opts.input ?? "", encoding: "utf8" });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    name,
    uid,
    gid,
    run,
    aim: (args, opts) => run([process.execPath, AIM, ...args], opts),
    start: (argv, opts) => {
      const [cmd, ...args] = as(argv) as [string, ...string[]];
      return spawn(cmd, args, { env: opts.env, cwd: opts.cwd ?? "/", stdio: ["ignore", "pipe", "pipe"] });
    },
    folder: (parent, sub, mode = 0o700) => {
      const dir = join(parent, sub);
      mkdirSync(dir, { recursive: true });
      chownSync(dir, uid, gid);
      chmodSync(dir, mode);
      return dir;
    },
    remove: () => {
      spawnSync("pkill", ["-KILL", "-u", String(uid)]);
      spawnSync("userdel", [name]);
    },
  };
}

/** A folder every test user can reach (0755), for the files of several users. */
export function sharedBase(): string {
  const dir = mkdtempSync(join(tmpdir(), "aim-users-"));
  chmodSync(dir, 0o755);
  return dir;
}

/** The environment for running aim as a user: nothing of root's, no D-Bus session. */
export const userEnv = (home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  LANG: "C.UTF-8",
  NO_COLOR: "1",
  AIM_DATA_DIR: join(home, "data"),
  AIM_CONFIG_DIR: join(home, "config"),
  ...extra,
});
