export const SHELL_NAMES = ["bash", "zsh", "fish", "pwsh"] as const;
export type ShellName = (typeof SHELL_NAMES)[number];

/**
 * Everything aim needs to speak one shell's language. The hook bodies themselves live as
 * real files under shell/; these functions produce the code that aim prints for `eval`.
 * Key names reaching these functions are valid environment names ([A-Za-z_][A-Za-z0-9_]*).
 */
export interface Shell {
  readonly name: ShellName;
  /** The hook body's file under shell/, which scripts/gen-hooks.mjs fills in at build time. */
  readonly hookFile: string;
  /** The completion code's file under shell/ (with {{RUN}} for node and aim), inlined at build time. */
  readonly completionFile: string;
  /** The rc file that loads aim's hook and completion, as people write it (`~/.bashrc`, `$PROFILE`). */
  readonly rcShown: string;
  /** That rc file's real path, for `aim doctor` (HOME, ZDOTDIR, XDG_CONFIG_HOME honoured). */
  rcFile(env: NodeJS.ProcessEnv, home: string): string;
  /** The rc-file line that evaluates what `aim ARGS` prints: `eval "$(aim ARGS)"` in bash. */
  loadLine(args: string): string;
  /** What the rc file needs before the completion line, if anything (zsh: compinit). */
  readonly completionNeeds?: string;
  /** `names` as the words of a list literal in this shell, for the hook's loops over them. */
  list(names: readonly string[]): string;
  /** A literal that evaluates to exactly `value`, whatever it holds (no NUL). */
  quote(value: string): string;
  /** One statement that exports `name` with `value` into the environment. */
  exportVar(name: string, value: string): string;
  /** One statement that removes `name` from the environment; silent if it is not set. */
  unsetVar(name: string): string;
  /** A global shell variable that is never exported (hook bookkeeping: paths, not secrets). */
  setLocal(name: string, value: string): string;
  /** Sets the hook variable `name` to the shell's own value of the hook variable `from`
   * (bytes aim cannot name, such as a path that is not UTF-8). */
  copyLocal(name: string, from: string): string;
  /**
   * Exports `name`, first keeping any value it had in the unexported `__aim_prev_<name>`.
   * The old value moves inside the shell only: it never passes through aim.
   */
  saveAndExport(name: string, value: string): string;
  /** Puts back the value kept by saveAndExport, or unsets `name` when there was none. */
  restore(name: string): string;
}

/** Where a variable's previous value waits while aim's value is exported. */
export const prevName = (name: string): string => `__aim_prev_${name}`;
