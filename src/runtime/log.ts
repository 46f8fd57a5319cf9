import { fstatSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import type { Colors } from "picocolors/types.js";

// Whether messages are coloured: NO_COLOR wins, then FORCE_COLOR, else stderr must be a
// terminal. Asked at the first message; most runs of aim exec print none.
let coloured: boolean | undefined;
const colourful = (): boolean => (coloured ??= !("NO_COLOR" in process.env) && ("FORCE_COLOR" in process.env || stderrIsTerminal()));

// picocolors loads only to colour: through the CommonJS loader, it costs about a tenth of
// `node -e 0` in instructions, and aim hook-env prints its status line on every cd into a
// project, to a pipe or a file as often as to a terminal.
let colors: Colors | undefined;
const palette = (): Colors => {
  if (!colors) {
    // picocolors reads process.stdout.isTTY as it loads unless FORCE_COLOR is set, and
    // that getter puts a piped stdout in non-blocking mode, which a command aim exec then
    // execve's would inherit. Its own guess is not used anyway: createColors decides.
    const had = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = "1";
    let pc: typeof import("picocolors");
    try {
      pc = createRequire(import.meta.url)("picocolors") as typeof import("picocolors");
    } finally {
      if (had === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = had;
    }
    // stderr is where every human message goes, so colour follows stderr, not stdout.
    colors = pc.createColors(colourful());
  }
  return colors;
};

/**
 * isatty(2), asked of node:tty only when it can be true: node:tty brings node:net and the
 * stream code (on Node 24 about a sixth of `node -e 0` in instructions), and aim hook-env
 * prints its status line on every cd into a project. A terminal is a character device, so
 * stderr that is a pipe, a file or a socket (or closed) is not one, and fstat says so cheaply.
 */
function stderrIsTerminal(): boolean {
  try {
    if (!fstatSync(2).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule("node:tty").isatty(2);
}

// The library never prints: inside collectMessages, a message is kept for the caller instead.
// Made on the first collectMessages, which the CLI never calls: on Node 24 an
// AsyncLocalStorage sets up async context frames, a slice of every start-up.
let collecting: import("node:async_hooks").AsyncLocalStorage<string[]> | undefined;

const line = (text: string, paint: (s: string) => string = (s) => s): void => {
  const sink = collecting?.getStore();
  if (sink) sink.push(text);
  // Uncoloured, picocolors would return the text as it is: no need to load it.
  else writeStderr(colourful() ? `${palette().dim("aim:")} ${paint(text)}\n` : `aim: ${text}\n`);
};

/**
 * Writes to fd 2 without creating process.stderr: that stream puts a pipe in non-blocking
 * mode (and reopens a terminal), and aim exec may then execve the command, which would
 * inherit the changed descriptor. Node writes stderr synchronously anyway.
 */
function writeStderr(text: string): void {
  try {
    writeSync(2, text);
  } catch (err) {
    // EAGAIN: someone handed us a non-blocking stderr; the stream knows how to wait. Any
    // other error (EPIPE: nobody reads stderr) loses the message, as the stream would.
    if ((err as NodeJS.ErrnoException).code === "EAGAIN") process.stderr.write(text);
  }
}

/**
 * Writes all of `text` to fd 1 without creating process.stdout: for a pipe (what a shell's
 * $(…) reads), that stream loads node:net and the stream classes, about a seventh of
 * `node -e 0` on Node 24, on every cd with the hook. A non-blocking stdout (EAGAIN) gets
 * the rest through the stream, which knows how to wait; other errors are thrown.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
    process.stdout.write(bytes.subarray(done));
  }
}

export const log = {
  info: (text: string): void => line(text),
  warn: (text: string): void => line(text, (s) => palette().yellow(s)),
  error: (text: string): void => line(text, (s) => palette().red(s)),
  /** Only with AIM_DEBUG set, and never inside the library's collectMessages: which path a command took. */
  debug: (text: string): void => {
    if (process.env.AIM_DEBUG && !collectingMessages()) line(`debug: ${text}`);
  },
  get colors(): Colors {
    return palette();
  },
};

/** True inside collectMessages: a program is calling, not a person at a terminal (no prompts either). */
export const collectingMessages = (): boolean => collecting?.getStore() !== undefined;

/**
 * Runs `fn` with every message that code below it would print on stderr collected instead,
 * per call (concurrent calls do not mix). The API turns them into a result's `warnings`.
 */
export async function collectMessages<T>(fn: () => Promise<T>): Promise<{ value: T; messages: string[] }> {
  const messages: string[] = [];
  collecting ??= new (process.getBuiltinModule("node:async_hooks").AsyncLocalStorage)<string[]>();
  const value = await collecting.run(messages, fn);
  return { value, messages };
}
