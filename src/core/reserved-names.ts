import { AimError } from "../errors.js";

/**
 * Variables that change how programs start or how a shell behaves: a value stored under
 * one of these names runs code (LD_PRELOAD, BASH_ENV, PROMPT_COMMAND, NODE_OPTIONS) or
 * changes what a name means (PATH, IFS) in every command aim hands it to, and in any shell
 * that evaluates `aim secrets export`. aim stores them only with --force. docs/secrets.md lists
 * them; the list is short on purpose, not complete.
 */
export const CONTROL_NAMES: readonly string[] = [
  "PATH",
  "LD_PRELOAD",
  "LD_LIBRARY_PATH",
  "LD_AUDIT",
  "NODE_OPTIONS",
  "NODE_PATH",
  "PYTHONSTARTUP",
  "PYTHONPATH",
  "PERL5OPT",
  "RUBYOPT",
  "BASH_ENV",
  "ENV",
  "SHELLOPTS",
  "BASHOPTS",
  "PROMPT_COMMAND",
  "PS1",
  "PS4",
  "IFS",
  "ZDOTDIR",
  "fish_function_path",
  "_",
];
/** Prefixes with the same effect: macOS's loader variables. */
export const CONTROL_PREFIXES: readonly string[] = ["DYLD_"];

/**
 * aim's own credentials: the identity that opens every team file (and, through git history,
 * every past one) and the passphrase that opens the whole vault. A command aim starts never
 * inherits them unless it asks for one by name (`--keys AIM_IDENTITY`, an .aimrc entry).
 */
export const OWN_CREDENTIALS: readonly string[] = ["AIM_IDENTITY", "AIM_VAULT_PASSPHRASE"];

/** The shell hook's own variables (__aim_state, __aim_prev_K): a key never takes their place, even with --force. */
export const isHookName = (name: string): boolean => name.startsWith("__aim");

export const isControlName = (name: string): boolean => CONTROL_NAMES.includes(name) || CONTROL_PREFIXES.some((p) => name.startsWith(p));

/**
 * Throws for the names `secrets set` and `import` must not store: the hook's own always,
 * the loader and shell-control variables unless `force`. `key` is the store key
 * (PROFILE/NAME or NAME): the variable it fills is the NAME.
 */
export function refusedNames(keys: readonly string[], force: boolean, command: string): void {
  const vars = keys.map((k) => k.slice(k.lastIndexOf("/") + 1));
  const hook = vars.filter(isHookName);
  if (hook.length > 0) {
    throw new AimError("BAD_KEY_NAME", `${hook.join(", ")}: names starting with __aim are the shell hook's own; nothing was stored`, {
      hint: "store the key under another name",
    });
  }
  const control = force ? [] : vars.filter(isControlName);
  if (control.length > 0) {
    const one = control.length === 1;
    throw new AimError(
      "BAD_KEY_NAME",
      `${control.join(", ")} ${one ? "changes" : "change"} how programs start or how a shell behaves; nothing was stored`,
      {
        hint: `if you mean it, run again with --force: ${command} --force`,
      },
    );
  }
}
