import type { ChildProcess } from "node:child_process";
import { Masker } from "./masker.js";
import { AimError, EXIT } from "../errors.js";

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGWINCH"];
// A terminal sends these to the whole foreground process group, which holds the child too:
// forwarding them again would deliver a Ctrl-C twice (DopplerHQ/cli#127).
const FROM_TERMINAL = new Set<NodeJS.Signals>(["SIGINT", "SIGQUIT", "SIGWINCH"]);

type Spawn = typeof import("node:child_process").spawn;
let spawner: Promise<Spawn> | undefined;

/**
 * Starts loading the spawning code now; runChild waits for the same load. cross-spawn does
 * what Windows lacks (PATHEXT, shebangs, argument quoting); on other systems it hands the
 * call straight to child_process, so there it is not even loaded.
 */
export function preloadSpawner(): Promise<Spawn> {
  spawner ??=
    process.platform === "win32"
      ? import("cross-spawn").then((m) => m.default as never)
      : import("node:child_process").then((m) => m.spawn);
  return spawner;
}

/** Copies a child's output through a masker to `to` (a stream, or a collector). */
export function pipeMasked(from: NodeJS.ReadableStream | null, to: { write(chunk: Buffer): unknown }, masker: Masker): void {
  from?.on("data", (chunk: Buffer) => to.write(masker.push(chunk)));
  from?.on("end", () => to.write(masker.flush()));
}

export function launchError(command: string, err: NodeJS.ErrnoException): AimError {
  if (err.code === "ENOENT") {
    return new AimError("COMMAND_NOT_FOUND", `command not found: ${command}`);
  }
  if (err.code === "EACCES" || err.code === "EISDIR" || err.code === "ENOEXEC") {
    return new AimError("NOT_EXECUTABLE", `${command} cannot be executed (${err.code})`, {
      hint: `make it executable: chmod +x ${command}`,
    });
  }
  return new AimError("IO", `cannot start ${command}: ${err.message}`);
}

/**
 * Runs the command with stdio passed straight through (or masked), forwards signals, and
 * resolves with how it ended. aim never exits before its child: no orphans.
 */
export async function runChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  maskValues?: readonly string[],
): Promise<ChildResult> {
  const spawn = await preloadSpawner();
  const masker = maskValues ? new Masker(maskValues) : undefined;
  const child: ChildProcess = spawn(command, args, { env, stdio: masker ? ["inherit", "pipe", "pipe"] : "inherit" });
  if (masker && maskValues) {
    pipeMasked(child.stdout, process.stdout, masker);
    pipeMasked(child.stderr, process.stderr, new Masker(maskValues));
  }
  // isatty, not process.stdin.isTTY: that getter builds a stdin stream aim never reads.
  // node:tty loads only here, on the spawn path: with it come node:net and the stream code,
  // milliseconds that an execve'd command would pay for nothing.
  const onTerminal = process.getBuiltinModule("node:tty").isatty(0);
  const handlers = FORWARDED.map((sig) => {
    const handler = () => {
      if (!(onTerminal && FROM_TERMINAL.has(sig)) && child.pid !== undefined) child.kill(sig);
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  const cleanup = () => {
    for (const [sig, handler] of handlers) process.off(sig, handler);
  };
  return new Promise((resolve, reject) => {
    child.on("error", (err: NodeJS.ErrnoException) => {
      cleanup();
      reject(launchError(command, err));
    });
    // 'close' waits for the piped streams to drain when masking; 'exit' is enough otherwise.
    child.on(masker ? "close" : "exit", (code, signal) => {
      cleanup();
      resolve({ code, signal });
    });
  });
}

/** Ends aim the way the child ended: same code, or death by the same signal. */
export function exitLike(result: ChildResult): number {
  if (result.signal) {
    // Any handler left (ours are gone) would swallow the signal instead of dying by it.
    process.removeAllListeners(result.signal);
    process.kill(process.pid, result.signal);
    // Only reached for signals whose default action is not to terminate.
    return 128 + (process.getBuiltinModule("node:os").constants.signals[result.signal] ?? 0);
  }
  return result.code ?? EXIT.aim;
}
