import { SHELL_NAMES } from "../../shells/types.js";
import { defineCommand } from "../spec.js";

export const hook = defineCommand({
  name: "hook",
  summary: "shell code that loads a project's keys on cd",
  description: `Print the shell code that exports a project's keys when you enter a folder governed by a
trusted .aimrc, and takes them away (restoring earlier values) when you leave. Add to:
  ~/.bashrc                          eval "$(aim hook bash)"
  ~/.zshrc                           eval "$(aim hook zsh)"
  ~/.config/fish/config.fish         aim hook fish | source
  $PROFILE                           aim hook pwsh | Out-String | Invoke-Expression

An idle prompt runs no process: aim is asked only when the directory, the governing
.aimrc, or the trust records change (aim allow, aim deny, aim reload). AIM_QUIET=1 hides
the "+KEY -KEY" status line; warnings still show.`,
  positionals: [{ name: "<shell>", required: true, choices: SHELL_NAMES, complete: "shell" }],
  load: () => import("../hook.js"),
});
