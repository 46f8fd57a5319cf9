import { realpathSync } from "node:fs";
import { renderHook } from "../core/hook.js";
import { usageError } from "../errors.js";
import { HOOKS } from "../shells/hooks.js";
import { shellByName } from "../shells/index.js";
import { parseCommand } from "./args.js";

export const help = `Usage: aim hook <bash|zsh|fish|pwsh>

Print the shell code that exports a project's keys when you enter a folder governed by a
trusted .aimrc, and takes them away (restoring earlier values) when you leave. Add to:
  ~/.bashrc                          eval "$(aim hook bash)"
  ~/.zshrc                           eval "$(aim hook zsh)"
  ~/.config/fish/config.fish         aim hook fish | source
  $PROFILE                           aim hook pwsh | Out-String | Invoke-Expression

An idle prompt runs no process: aim is asked only when the directory, the governing
.aimrc, or the trust records change (aim allow, aim deny, aim reload). AIM_QUIET=1 hides
the "+KEY -KEY" status line; warnings still show.

Options:
  -h, --help      show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, {}, help);
  if (!parsed) return 0;
  const [name, ...extra] = parsed.positionals;
  if (name === undefined || extra.length > 0) throw usageError("name one shell", "usage: aim hook <bash|zsh|fish|pwsh>");
  const shell = shellByName(name);
  const entry = realpathSync(process.argv[1] ?? "");
  process.stdout.write(renderHook(shell, HOOKS[shell.name], { node: process.execPath, aim: entry }));
  return 0;
}
