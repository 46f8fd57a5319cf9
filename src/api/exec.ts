import { assertKeyName, checkProfileOption } from "../core/names.js";
import { parseKeysFlag } from "../core/reference.js";
import { type CaptureOptions, captureChild } from "../run/capture.js";
import { prepareEnv, type Prepared } from "../run/prepare.js";
import { quietly } from "./quiet.js";

/** How a child is run by the API: stdio, input, timeout, signal, killAfter and maxBuffer as in {@link CaptureOptions}. */
export interface RunOptions extends Omit<CaptureOptions, "env" | "mask" | "cwd"> {
  /** Where the project's .aimrc is looked for and the child runs. Default: process.cwd(). */
  cwd?: string;
  /** The environment the child inherits (keys are laid over it). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Ignore project files (.aimrc): only the global config and the explicit keys count. */
  noConfig?: boolean;
  /** Read plain names from this profile, like `--profile`: wins over the .aimrc's `profile` and AIM_PROFILE. "default" is the default profile. */
  profile?: string;
}

export interface ExecOptions extends RunOptions {
  /** Keys to require on top of the project's (NAME or PROFILE/NAME); they need no trust. */
  keys?: string[];
  /** Hand over only these of the configured keys. */
  only?: string[];
}

/** How a child ended. Never holds a secret value: captured output has every handed-over value replaced by *****. */
export interface ExecResult {
  /** The child's exit code; null when a signal ended it. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
  /** True when captured output went beyond maxBuffer and was cut. */
  truncated: boolean;
  /** Keys whose value came from the keyring. */
  injectedKeys: string[];
  /** Keys the keyring lacked and the inherited environment supplied. */
  inheritedKeys: string[];
  /** Keys wanted but found nowhere. */
  missingKeys: string[];
  /** Each variable wanted → the reference it is read from (`OPENAI_API_KEY` → `work/OPENAI_API_KEY`). */
  references: Record<string, string>;
  /** True when the keyring could not be read: the child ran with the inherited environment. */
  degraded: boolean;
  /** What a CLI would have said on stderr (no values). */
  warnings: string[];
}

/** Starts the child with a prepared environment: shared by execWithKeys and invokeTool. */
export async function runPrepared(command: string, args: readonly string[], ready: Prepared, options: RunOptions): Promise<ExecResult> {
  // Captured output becomes data that gets logged: always masked. Inherited stdio stays the terminal's.
  const capture = (options.stdio ?? "capture") === "capture";
  const result = await captureChild(command, args, { ...options, env: ready.resolved.env, mask: capture ? ready.secrets : undefined });
  const warnings = [...ready.warnings];
  if (result.truncated) warnings.push(`output beyond ${options.maxBuffer ?? 32 * 1024 * 1024} bytes per stream was dropped`);
  return {
    exitCode: result.code,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    aborted: result.aborted,
    truncated: result.truncated,
    injectedKeys: ready.resolved.injected,
    inheritedKeys: ready.resolved.inherited,
    missingKeys: [...new Set([...ready.resolved.missing, ...ready.missingToolKeys])],
    references: { ...ready.resolved.refs },
    degraded: ready.degraded,
    warnings,
  };
}

/**
 * Runs a command with its project's keys, like `aim exec`, for a program rather than a
 * terminal: no signal handlers are installed and nothing is printed. Rejects with an
 * {@link AimError} before starting when the project is untrusted (UNTRUSTED), a required key
 * is missing while the keyring works (MISSING_KEYS), or the command cannot be started
 * (COMMAND_NOT_FOUND or NOT_EXECUTABLE, exitCode 127/126). An unreachable keyring is not
 * an error: the child runs with the inherited environment and `degraded` says so.
 */
export function execWithKeys(command: string, args: readonly string[] = [], options: ExecOptions = {}): Promise<ExecResult> {
  return quietly(async () => {
    options.signal?.throwIfAborted();
    const ready = await prepareEnv(options.cwd ?? process.cwd(), {
      flags: {
        keys: options.keys && parseKeysFlag(options.keys),
        only: options.only?.map(assertKeyName),
        noConfig: options.noConfig,
        profile: checkProfileOption(options.profile, "profile"),
      },
      base: options.env,
      degrade: true,
    });
    return runPrepared(command, args, ready, options);
  });
}
