import { spawn } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AIM, ROOT } from "./cli.js";

export const FIXTURES = join(ROOT, "fixtures");
export const PRINT_KEYS = join(FIXTURES, "bin", "print-keys.mjs");
export const SIGNAL_CHILD = join(FIXTURES, "bin", "signal-child.mjs");

/** Writes `files` (relative path → text) under `dir`, creating folders. Returns `dir`. */
export function layout(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

export function copyFixture(name: string, to: string): string {
  cpSync(join(FIXTURES, name), to, { recursive: true });
  return to;
}

/** Starts `aim args` in the background; resolves `ready` once stdout shows `marker`. */
export function startAim(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; marker?: string }) {
  const child = spawn(process.execPath, [AIM, ...args], { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: Array<() => void> = [];
  child.stdout.on("data", (d) => {
    stdout += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on("data", (d) => (stderr += d));
  const waitFor = (text: string, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${JSON.stringify(text)}; stdout=${stdout} stderr=${stderr}`)),
        ms,
      );
      const check = () => {
        if (stdout.includes(text)) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, waitFor, done };
}
