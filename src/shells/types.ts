export const SHELL_NAMES = ["bash", "zsh", "fish", "pwsh"] as const;
export type ShellName = (typeof SHELL_NAMES)[number];

/**
 * Everything aim needs to speak one shell's language. The hook bodies themselves live as
 * real files under shell/; these functions produce the code that aim prints for `eval`.
 */
export interface Shell {
  readonly name: ShellName;
  /** A literal that evaluates to exactly `value`, whatever it holds (no NUL). */
  quote(value: string): string;
  /** One statement that exports `name` with `value` into the environment. */
  exportVar(name: string, value: string): string;
  /** One statement that removes `name` from the environment; silent if it is not set. */
  unsetVar(name: string): string;
}
