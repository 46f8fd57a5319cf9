import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as assert from "uvu/assert";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const AIM = join(ROOT, "dist", "cli.js");

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** What a CLI run must show: a string is compared exactly ("" is empty), a RegExp must match. */
export interface Want {
  code: number;
  stdout: string | RegExp;
  stderr: string | RegExp;
}

/**
 * Asserts all three parts of a CLI result at once, exit code, stdout and stderr, so that no
 * test of a command ignores one of them. A failure shows all three. Returns `r`.
 */
export function expectRun(r: Result, want: Want, what = "aim"): Result {
  const shown = `${what}: exit ${r.code}${r.signal ? ` (${r.signal})` : ""}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
  assert.is(r.code, want.code, `exit code of ${shown}`);
  for (const part of ["stdout", "stderr"] as const) {
    const w = want[part];
    if (typeof w === "string") assert.is(r[part], w, `${part} of ${shown}`);
    else assert.match(r[part], w, `${part} of ${shown}`);
  }
  return r;
}

/**
 * A step that sets a test up (secrets set, allow, deny...): exit 0, nothing on stdout, and
 * on stderr only aim's own messages, so a step that failed cannot leave a test vacuous.
 */
export function succeeds(r: Result, what = "aim"): Result {
  return expectRun(r, { code: 0, stdout: "", stderr: /^(?:(?:aim: | {2})[^\n]*\n)*$/ }, what);
}

/** What a command printed as JSON, once it exited 0 with nothing on stderr. */
export function jsonOf(r: Result, what = "aim"): ReturnType<typeof JSON.parse> {
  expectRun(r, { code: 0, stdout: /^[[{]/, stderr: "" }, what);
  return JSON.parse(r.stdout);
}

let counter = 0;

/** The backend this test pass runs on: test/run.mjs runs the marked suites once per backend. */
export const BACKEND: "keyring" | "file" = process.env.AIM_TEST_BACKEND === "file" ? "file" : "keyring";
export const TEST_PASSPHRASE = "correct horse battery staple 7Q!";

/** The environment that puts aim on `backend`; the file pass uses a cheap scrypt to stay fast. */
export function backendEnv(backend: "keyring" | "file" = BACKEND): NodeJS.ProcessEnv {
  if (backend === "keyring") return {};
  return { AIM_BACKEND: "file", AIM_VAULT_PASSPHRASE: TEST_PASSPHRASE, AIM_VAULT_WORK_FACTOR: "10" };
}

/** How aim's messages name the store of `backend`. */
export const STORE_WORDS = { keyring: "OS keyring", file: "encrypted file vault" } as const;

/** A private world for one test: its own data and config folders and keyring service. */
export function sandbox(extra: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), "aim-t-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AIM_DATA_DIR: join(dir, "data"),
    AIM_CONFIG_DIR: join(dir, "config"),
    AIM_KEYRING_SERVICE: `aim-test-${process.pid}-${++counter}-${Date.now()}`,
    NO_COLOR: "1",
    // uvu sets FORCE_COLOR for itself; with NO_COLOR it makes Node print a warning.
    FORCE_COLOR: undefined,
    ...backendEnv(),
    ...extra,
  };
  mkdirSync(join(dir, "work"), { recursive: true });
  const aim = (args: string[], opts: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Result => {
    const r = spawnSync(process.execPath, [AIM, ...args], {
      cwd: opts.cwd ?? join(dir, "work"),
      env: { ...env, ...opts.env },
      input: opts.input ?? "",
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  };
  const aimAsync = (args: string[], opts: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [AIM, ...args], { cwd: opts.cwd ?? join(dir, "work"), env: { ...env, ...opts.env } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.stdin.end(opts.input ?? "");
      child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  return { dir, env, aim, aimAsync };
}

/** Every file under `dir` (recursively) whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(Buffer.from(needle))) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

/** Hostile values every shell round trip must carry exactly. */
export const HOSTILE: Record<string, string> = {
  single: "it's",
  double: 'say "hi"',
  dollar: "$HOME and ${HOME}",
  subst: "$(id) and `id`",
  backslash: "a\\b\\\\c\\n",
  bang: "pa$$word@!! !1",
  percent: "100% %s %d",
  glob: "* ? [a-z]",
  newline: "line1\nline2\n",
  tab: "a\tb",
  cr: "a\r\nb\rc",
  unicode: "ключ 🔑 ‘quoted’ é",
  semicolon: "a; rm -rf /tmp/nothing; echo",
  leadingDash: "-n -e",
  big: `${"x".repeat(64 * 1024 - 40)}'"$\`\\\n!`,
};
