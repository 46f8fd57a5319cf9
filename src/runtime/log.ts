import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import type { Colors } from "picocolors/types.js";

// picocolors probes process.stdout when it loads, and reading process.stderr.isTTY sets
// up the stream: both cost start-up time, so they wait for the first message. Most runs
// of aim exec print none.
let colors: Colors | undefined;
const palette = (): Colors => {
  if (!colors) {
    const pc = createRequire(import.meta.url)("picocolors") as typeof import("picocolors");
    // stderr is where every human message goes, so colour follows stderr, not stdout.
    colors = pc.createColors(!("NO_COLOR" in process.env) && ("FORCE_COLOR" in process.env || (process.stderr.isTTY ?? false)));
  }
  return colors;
};

// The library never prints: inside collectMessages, a message is kept for the caller instead.
const collecting = new AsyncLocalStorage<string[]>();

const line = (text: string, paint: (s: string) => string = (s) => s): void => {
  const sink = collecting.getStore();
  if (sink) sink.push(text);
  else process.stderr.write(`${palette().dim("aim:")} ${paint(text)}\n`);
};

export const log = {
  info: (text: string): void => line(text),
  warn: (text: string): void => line(text, (s) => palette().yellow(s)),
  error: (text: string): void => line(text, (s) => palette().red(s)),
  get colors(): Colors {
    return palette();
  },
};

/** True inside collectMessages: a program is calling, not a person at a terminal (no prompts either). */
export const collectingMessages = (): boolean => collecting.getStore() !== undefined;

/**
 * Runs `fn` with every message that code below it would print on stderr collected instead,
 * per call (concurrent calls do not mix). The API turns them into a result's `warnings`.
 */
export async function collectMessages<T>(fn: () => Promise<T>): Promise<{ value: T; messages: string[] }> {
  const messages: string[] = [];
  const value = await collecting.run(messages, fn);
  return { value, messages };
}
