import { AsyncLocalStorage } from "node:async_hooks";
import pc from "picocolors";

// stderr is where every human message goes, so colour follows stderr, not stdout.
const colors = pc.createColors(
  !("NO_COLOR" in process.env) && ("FORCE_COLOR" in process.env || (process.stderr.isTTY ?? false)),
);

// The library never prints: inside collectMessages, a message is kept for the caller instead.
const collecting = new AsyncLocalStorage<string[]>();

const line = (text: string, paint: (s: string) => string = (s) => s): void => {
  const sink = collecting.getStore();
  if (sink) sink.push(text);
  else process.stderr.write(`${colors.dim("aim:")} ${paint(text)}\n`);
};

export const log = {
  info: (text: string): void => line(text),
  warn: (text: string): void => line(text, colors.yellow),
  error: (text: string): void => line(text, colors.red),
  colors,
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
