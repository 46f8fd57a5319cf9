import { rcLines, SHELL_NAMES } from "../shells/index.js";
import { defineCommand } from "../cli/spec.js";

export const completion = defineCommand({
  name: "completion",
  summary: "shell code that completes aim's commands, options and key names",
  description: `Print the code that makes Tab complete aim's commands, subcommands and options, and the
names they take: stored keys, shells, tools and profiles. The names come from aim's own
metadata: completing never reads the keyring and never asks for anything. Add to:
${rcLines((s) => `completion ${s.name}`, { completion: true })}`,
  positionals: [{ name: "<shell>", required: true, choices: SHELL_NAMES, complete: "shell" }],
  load: () => import("./completion.js"),
});

/** Run by the completion code at each Tab; not for people, so not listed. */
export const completeWords = defineCommand({
  name: "__complete",
  summary: "the candidates for the word being completed (run by the completion code)",
  hidden: true,
  raw: true,
  load: () => import("./completion-run.js"),
});
