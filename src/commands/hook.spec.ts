import { rcLines, SHELL_NAMES } from "../shells/index.js";
import { defineCommand } from "../cli/spec.js";

export const hook = defineCommand({
  name: "hook",
  summary: "shell code that loads a project's keys on cd",
  description: `Print the shell code that exports a project's keys when you enter a folder governed by a
trusted .aimrc, and takes them away (restoring earlier values) when you leave. Add to:
${rcLines((s) => `hook ${s.name}`)}

An idle prompt runs no process: aim is asked only when the directory, the governing
.aimrc, or the trust records change (aim allow, aim deny, aim reload). AIM_QUIET=1 hides
the "+KEY -KEY" status line; warnings still show.`,
  positionals: [{ name: "<shell>", required: true, choices: SHELL_NAMES, complete: "shell" }],
  load: () => import("./hook.js"),
});
