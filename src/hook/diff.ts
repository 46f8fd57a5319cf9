// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import type { HookPaths } from "../runtime/hook-files.js";
import type { Shell } from "../shells/types.js";
import { type HookState, isEmptyState, STATE_VAR, serializeState } from "./state.js";

/** What the working directory should have, as decided by aim. */
export interface Target {
  /** The project file the shell must watch (loaded, refused or broken); null outside projects. */
  file: string | null;
  /** The nearest search place at or above the directory, as the shell's walk finds it. The
   * shell asks aim again when that changes; aim sets it, so a failed run is retried. */
  candidate: string | null;
  /** The folder that holds the governing file's final target when a symlink puts it in
   * another folder than `file`'s, else null. The shell watches both folders' times: a
   * link switched to another target, or an older file moved over the target, changes
   * the folder's entries but not the file's time. */
  realDir?: string | null;
  /** The candidate is the one the shell found, which aim cannot name (a path that is not
   * UTF-8): the shell copies its own, so it does not ask again at every prompt. */
  candidateIsShells?: boolean;
  /** The keys to export, in the project's order. */
  values: ReadonlyMap<string, string>;
  /** Refusal, missing keys, unreadable store: each shown once per file. */
  warnings: string[];
}

export type { HookPaths };

export interface HookOutput {
  /** Shell code for the hook to evaluate: values only ever travel here, on stdout. */
  code: string;
  /** Lines for stderr, without the `aim:` prefix. */
  messages: string[];
}

/**
 * The difference between what aim exported last time and what the directory needs now,
 * as shell code plus the direnv-like status line. `current` is the shell's environment,
 * used only to tell whether a kept key's value changed.
 */
export function hookEnv(
  shell: Shell,
  prev: HookState,
  target: Target,
  current: NodeJS.ProcessEnv,
  paths: HookPaths,
  opts: { quiet?: boolean; id?: string } = {},
): HookOutput {
  const next = [...target.values.keys()];
  const removed = prev.keys.filter((k) => !target.values.has(k));
  const added = next.filter((k) => !prev.keys.includes(k));
  const changed = next.filter((k) => prev.keys.includes(k) && current[k] !== target.values.get(k));
  const value = (k: string) => target.values.get(k) as string;

  const state: HookState = { file: target.file, keys: next, said: target.warnings, ...(opts.id ? { id: opts.id } : {}) };
  const code = [
    ...removed.map((k) => shell.restore(k)),
    ...added.map((k) => shell.saveAndExport(k, value(k))),
    ...changed.map((k) => shell.exportVar(k, value(k))),
    isEmptyState(state) ? shell.unsetVar(STATE_VAR) : shell.exportVar(STATE_VAR, serializeState(state)),
    shell.setLocal("__aim_gov", target.file ?? ""),
    target.candidateIsShells ? shell.copyLocal("__aim_cand", "__aim_found") : shell.setLocal("__aim_cand", target.candidate ?? ""),
    shell.setLocal("__aim_real", target.realDir ?? ""),
    shell.setLocal("__aim_marker", paths.marker),
    shell.setLocal("__aim_stamp", paths.stamp),
  ];

  const alreadySaid = prev.file === target.file ? prev.said : [];
  const messages = target.warnings.filter((w) => !alreadySaid.includes(w));
  const status = [...removed.map((k) => `-${k}`), ...added.map((k) => `+${k}`), ...changed.map((k) => `~${k}`)];
  if (status.length > 0 && !opts.quiet) messages.push(status.join(" "));
  return { code: `${code.join("\n")}\n`, messages };
}
