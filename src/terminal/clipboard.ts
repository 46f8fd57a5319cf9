import { spawn } from "node:child_process";
import { AimError } from "../errors.js";
import { readStdin } from "./input.js";

/** 45 s, as the design says; AIM_CLIPBOARD_SECONDS changes it (the tests use 1). */
export const clearAfterSeconds = (): number => Number(process.env.AIM_CLIPBOARD_SECONDS ?? 45);

async function clipboard() {
  return (await import("clipboardy")).default;
}

/**
 * Copies `value`, then leaves a detached aim process that empties the clipboard after 45 s
 * if it still holds the value. The value reaches that process through a pipe, never argv.
 */
export async function copyAndClearLater(value: string): Promise<void> {
  try {
    await (await clipboard()).write(value);
  } catch (err) {
    throw new AimError("IO", "no clipboard is available here", {
      hint: "on Linux it needs a display with xsel, xclip or wl-clipboard; print the value with --show instead",
      cause: err,
    });
  }
  const child = spawn(process.execPath, [process.argv[1] as string, "__clipboard-clear"], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  child.stdin.end(value);
  child.unref();
}

/** The detached half: `aim __clipboard-clear`, value on stdin. */
export async function clearWhenDue(): Promise<number> {
  const value = await readStdin();
  await new Promise((r) => setTimeout(r, clearAfterSeconds() * 1000));
  const cb = await clipboard();
  if ((await cb.read().catch(() => undefined)) === value) await cb.write("");
  return 0;
}
