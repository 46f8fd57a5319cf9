import { closeSync, openSync } from "node:fs";
import { ReadStream, WriteStream } from "node:tty";
import { promptHidden } from "./input.js";
import { mayPrompt } from "../runtime/prompt-policy.js";

/** The controlling terminal, even when stdin is a pipe (as ssh, sudo and gpg do); else undefined. */
function openTty(): { input: ReadStream; output: WriteStream; close(): void } | undefined {
  if (process.platform === "win32") return undefined;
  let r: number | undefined;
  try {
    r = openSync("/dev/tty", "r");
    const w = openSync("/dev/tty", "w");
    const input = new ReadStream(r);
    const output = new WriteStream(w);
    return {
      input,
      output,
      close: () => {
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    if (r !== undefined) closeSync(r);
    return undefined;
  }
}

/** Whether a passphrase can be asked for: stdin is a terminal, or there is a controlling one. */
export function hasTerminal(): boolean {
  if (!mayPrompt()) return false;
  if (process.stdin.isTTY) return true;
  const tty = openTty();
  tty?.close();
  return tty !== undefined;
}

/**
 * A hidden prompt for a passphrase: on stdin when it is a terminal, else on /dev/tty, so
 * that `printf %s "$KEY" | aim secrets set K` can still ask for the vault's passphrase.
 * Undefined when there is no terminal at all.
 */
export async function askHidden(question: string): Promise<string | undefined> {
  if (!mayPrompt()) return undefined;
  if (process.stdin.isTTY) return promptHidden(question);
  const tty = openTty();
  if (!tty) return undefined;
  try {
    return await promptHidden(question, tty.input, tty.output);
  } finally {
    tty.close();
  }
}
