import * as unit from "./exec.js";
import { defineCommand } from "../cli/spec.js";
import { wrappedCommand, wrapperOptions } from "./wrapper.spec.js";

export const options = {
  keys: {
    type: "string",
    value: "K1,K2",
    complete: "key",
    description: "also require these keys, NAME or PROFILE/NAME (no .aimrc or trust needed)",
  },
  "expand-args": {
    type: "boolean",
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the option's syntax, written as the user types it
      "fill ${NAME} in the command's arguments with the value of NAME, for the\nkeys of --keys only (never through a shell); aim mcp secure uses it",
  },
  only: { type: "string", value: "K1,K2", complete: "key", description: "hand over only these of the configured keys" },
  ...wrapperOptions,
} as const;

export const exec = defineCommand({
  name: "exec",
  summary: "run a command with its project's keys",
  description: `Run a command with the keys its project needs. The nearest .aimrc (or package.json "aim"
field) at or above the working directory names them; it must be approved with aim allow.
Keys from the keyring win over inherited values; a required key the keyring lacks but the
environment has is passed on as inherited (CI). Exit status is the command's.`,
  epilog: `Exit codes: the command's own; 125 aim failed (usage, config, trust, missing key, keyring);
126 command not executable; 127 command not found.`,
  options,
  positionals: wrappedCommand({ name: "<command>", complete: "command" }),
  passthrough: "dashdash",
  load: async () => unit,
});
