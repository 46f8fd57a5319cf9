import { checkProfileOption } from "../core/names.js";
import { type Payload, renderTemplate } from "../core/template.js";
import { AimError } from "../errors.js";
import { prepareEnv } from "../run/prepare.js";
import { findTool, loadRegistry } from "../project/tools.js";
import { type ExecResult, type RunOptions, runPrepared } from "./exec.js";
import { quietly } from "./quiet.js";

/** The contract version of {@link InvokeResult}. */
export const CONTRACT = "AIM_PLUS_V1";

export interface InvokeOptions extends RunOptions {
  /** Arguments appended after the capability's template. */
  extraArgs?: readonly string[];
}

/**
 * What one tool call did, in the AIM_PLUS_V1 contract. Never holds a secret value: the
 * captured output has every value handed to the tool replaced by `*****`.
 */
export interface InvokeResult extends ExecResult {
  contract: typeof CONTRACT;
  tool: string;
  capability: string;
  /** The program and arguments that ran (built from the payload; no key value ever goes on a command line). */
  command: string;
  args: string[];
  /** AIM_INTEGRATION_V1: true when the tool exited 0 within its time. */
  success: boolean;
  /** AIM_INTEGRATION_V1: one sentence on how the call ended. */
  message: string;
  /** AIM_INTEGRATION_V1's `content` ({exit_code, stdout, stderr}); not enumerable, so JSON leaves it out. */
  readonly content: { exit_code: number | null; stdout: string; stderr: string };
}

function describe(tool: string, r: ExecResult, timeout?: number): string {
  if (r.timedOut) return `${tool} timed out after ${timeout} ms`;
  if (r.aborted) return `${tool} was aborted`;
  if (r.signal) return `${tool} was killed by ${r.signal}`;
  return r.exitCode === 0 ? `${tool} succeeded` : `${tool} exited with code ${r.exitCode}`;
}

/** A key value on argv would show in every process listing: refuse it (design rule 2). */
function assertNoSecretIn(args: readonly string[], secrets: readonly string[], where: string): void {
  if (secrets.some((s) => s.length >= 4 && args.some((a) => a.includes(s)))) {
    throw new AimError("TOOL", `${where}: the payload contains the value of a key; aim never puts a secret on a command line`, {});
  }
}

/**
 * Runs one capability of a registered tool: `invokeTool("aider", "code_generation",
 * { message: "add a test", files: ["src/a.ts"] })`. The tool gets every key its registry entry
 * names that the keyring (or `options.env`) holds, plus a trusted project's .aimrc keys.
 *
 * Rejects with an {@link AimError} before anything runs for: an unknown tool or capability,
 * a payload that does not fit the template (TOOL), an untrusted or malformed config
 * (UNTRUSTED, CONFIG_INVALID), none of the tool's sufficient keys present (MISSING_KEYS), a
 * tool that is not installed (exitCode 127). Resolves for everything after the start:
 * non-zero exit, signal, timeout, abort. When the keyring cannot be reached the tool still
 * runs with the inherited environment, and `degraded` and `warnings` say so.
 */
export function invokeTool(tool: string, capability: string, payload: Payload = {}, options: InvokeOptions = {}): Promise<InvokeResult> {
  return quietly(() => invoke(tool, capability, payload, options));
}

async function invoke(tool: string, capability: string, payload: Payload, options: InvokeOptions): Promise<InvokeResult> {
  options.signal?.throwIfAborted();
  const registry = await loadRegistry();
  const entry = findTool(registry, tool);
  const template = entry.capabilities[capability];
  if (!template) {
    const known = Object.keys(entry.capabilities);
    throw new AimError("TOOL", `${tool} has no capability "${capability}"`, {
      hint: known.length > 0 ? `it has: ${known.join(", ")}` : `add one under tools.${tool}.capabilities in the global config`,
    });
  }
  const args = [...renderTemplate(template, payload, `${tool} ${capability}`), ...(options.extraArgs ?? [])];
  const ready = await prepareEnv(options.cwd ?? process.cwd(), {
    flags: { noConfig: options.noConfig, profile: checkProfileOption(options.profile, "profile") },
    tool: entry,
    global: registry.global,
    base: options.env,
    degrade: true,
  });
  ready.warnings.unshift(...registry.notes);
  assertNoSecretIn(args, ready.secrets, `${tool} ${capability}`);
  const run = await runPrepared(entry.command, args, ready, options);
  const result = { contract: CONTRACT, tool, capability, command: entry.command, args, ...run };
  const success = run.exitCode === 0 && !run.timedOut && !run.aborted;
  return Object.defineProperty({ ...result, success, message: describe(tool, run, options.timeout) }, "content", {
    enumerable: false,
    get: () => ({ exit_code: run.exitCode, stdout: run.stdout, stderr: run.stderr }),
  }) as InvokeResult;
}
