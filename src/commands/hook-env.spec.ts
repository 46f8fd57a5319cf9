import { SHELL_NAMES } from "../shells/types.js";
import { defineCommand } from "../cli/spec.js";

/** Run by the hook on a change of directory; not for people, so not listed. */
export const hookEnv = defineCommand({
  name: "hook-env",
  summary: "the code that brings a shell's variables in line with a folder (run by the hook)",
  hidden: true,
  raw: true,
  positionals: [
    { name: "<shell>", required: true, choices: SHELL_NAMES, complete: "shell" },
    { name: "<pid>", required: true, complete: "none" },
    { name: "DIR", complete: "dir" },
  ],
  load: () => import("./hook-env.js"),
});
