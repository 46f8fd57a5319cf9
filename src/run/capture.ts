import spawn from "cross-spawn";
import { Masker } from "./masker.js";
import { launchError, pipeMasked } from "./spawn.js";

export interface CaptureOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Values replaced by ***** in the output (captured, or copied to this process's stdio). */
  mask?: readonly string[];
  /** "capture" (default) collects stdout and stderr; "inherit" shares this process's. */
  stdio?: "capture" | "inherit";
  /** Written to the child's stdin. Without it stdin is closed when capturing, so a tool cannot hang on a prompt. */
  input?: string | Uint8Array;
  /** Milliseconds after which the child is stopped (SIGTERM, then SIGKILL) and `timedOut` is set; 0: none. */
  timeout?: number;
  /** Aborting stops the child the same way and sets `aborted`. */
  signal?: AbortSignal;
  /** Milliseconds between SIGTERM and SIGKILL when stopping the child. Default 2000. */
  killAfter?: number;
  /** Bytes kept per stream; the rest is dropped and `truncated` set. Default 32 MiB. */
  maxBuffer?: number;
}

export interface CaptureResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  truncated: boolean;
  durationMs: number;
}

class Collector {
  readonly chunks: Buffer[] = [];
  size = 0;
  truncated = false;
  constructor(readonly limit: number) {}
  write(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (chunk.length > room) this.truncated = true;
    const kept = chunk.length > room ? chunk.subarray(0, Math.max(room, 0)) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/**
 * Runs a child for a library caller: no signal handlers on this process (a library must not
 * change how its host reacts to Ctrl-C), a timeout and an AbortSignal that stop the child with
 * SIGTERM then SIGKILL, and output collected (masked) rather than printed.
 */
export function captureChild(command: string, args: readonly string[], opts: CaptureOptions): Promise<CaptureResult> {
  const started = performance.now();
  const capture = (opts.stdio ?? "capture") === "capture";
  const masking = opts.mask !== undefined && opts.mask.length > 0;
  const piped = capture || masking;
  const child = spawn(command, [...args], {
    env: opts.env,
    cwd: opts.cwd,
    stdio: [opts.input === undefined ? (capture ? "ignore" : "inherit") : "pipe", piped ? "pipe" : "inherit", piped ? "pipe" : "inherit"],
  });
  const limit = opts.maxBuffer ?? 32 * 1024 * 1024;
  const out = capture ? new Collector(limit) : process.stdout;
  const err = capture ? new Collector(limit) : process.stderr;
  if (piped) {
    pipeMasked(child.stdout, out, new Masker(opts.mask ?? []));
    pipeMasked(child.stderr, err, new Masker(opts.mask ?? []));
  }
  if (opts.input !== undefined) {
    child.stdin?.on("error", () => {}); // a child that exits without reading its input is not an error
    child.stdin?.end(opts.input);
  }
  let timedOut = false;
  let aborted = false;
  let killer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (killer || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    killer = setTimeout(() => child.kill("SIGKILL"), opts.killAfter ?? 2000);
  };
  // 0 (or less) means no timeout, as in Node's child_process.
  const timer =
    !opts.timeout || opts.timeout <= 0
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stop();
        }, opts.timeout);
  const onAbort = () => {
    aborted = true;
    stop();
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const done = () => {
    clearTimeout(timer);
    clearTimeout(killer);
    opts.signal?.removeEventListener("abort", onAbort);
  };
  // A grandchild that outlives a stopped tool may hold its pipes open: do not wait for it.
  child.on("exit", () => {
    if (!timedOut && !aborted) return;
    setTimeout(() => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    }, 200).unref();
  });
  return new Promise((resolve, reject) => {
    child.on("error", (e: NodeJS.ErrnoException) => {
      done();
      reject(launchError(command, e));
    });
    child.on("close", (code, signal) => {
      done();
      const text = (c: Collector | NodeJS.WritableStream) => (c instanceof Collector ? c.text() : "");
      const truncated = [out, err].some((c) => c instanceof Collector && c.truncated);
      resolve({
        code,
        signal,
        stdout: text(out),
        stderr: text(err),
        timedOut,
        aborted,
        truncated,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
