import { usageError } from "../errors.js";
import { fish } from "./fish.js";
import { bash, zsh } from "./posix.js";
import { pwsh } from "./pwsh.js";
import { SHELL_NAMES, type Shell, type ShellName } from "./types.js";

export type { Shell, ShellName } from "./types.js";
export { SHELL_NAMES } from "./types.js";

// A Record over ShellName: adding a shell to SHELL_NAMES fails to compile until it is here.
export const SHELLS: Record<ShellName, Shell> = { bash, zsh, fish, pwsh };

const ALIASES: Record<string, ShellName> = { powershell: "pwsh", "powershell.exe": "pwsh", "pwsh.exe": "pwsh" };

export function shellByName(name: string): Shell {
  const key = ALIASES[name] ?? name;
  if ((SHELL_NAMES as readonly string[]).includes(key)) return SHELLS[key as ShellName];
  throw usageError(`unknown shell "${name}"`, `use one of: ${SHELL_NAMES.join(", ")}`);
}

/** The user's shell from $SHELL, for commands whose --shell was not given. */
export function defaultShell(env: NodeJS.ProcessEnv = process.env): Shell {
  const base = (env.SHELL ?? "").split(/[\\/]/).pop() ?? "";
  const key = ALIASES[base] ?? base;
  return (SHELL_NAMES as readonly string[]).includes(key) ? SHELLS[key as ShellName] : bash;
}

/**
 * For help texts: a line a shell, its rc file and the line there that loads what
 * `aim ARGS` prints (`args` gets each shell, for `aim hook bash`, `aim hook zsh`…).
 */
export function rcLines(args: (shell: Shell) => string, { completion = false } = {}): string {
  return Object.values(SHELLS)
    .map((s) => {
      const where = completion && s.completionNeeds ? `${s.rcShown} (after ${s.completionNeeds})` : s.rcShown;
      return `  ${where.padEnd(34)} ${s.loadLine(args(s))}`;
    })
    .join("\n");
}
