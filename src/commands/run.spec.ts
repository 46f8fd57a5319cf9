import { defineCommand } from "../cli/spec.js";
import { wrappedCommand, wrapperOptions } from "./wrapper.spec.js";

export const options = wrapperOptions;

export const run = defineCommand({
  name: "run",
  summary: "run a registered AI tool with the keys it reads",
  description: `Run a registered AI tool with the keys it reads: every one the keyring (or the environment)
holds is handed over, the others are named on stderr. When none of the keys that suffice
for the tool is present, aim refuses (exit 125). A trusted .aimrc adds its keys, an
untrusted one stops aim as aim exec does. Under --profile P the tool's variables are read
as P/NAME; a from entry keeps its own reference. Everything after <tool> goes to the tool as is.
aim tools lists the registry; the global config can add tools, change an entry, or fill a
variable from another reference:

  # ~/.config/aim/config.yaml
  tools:
    aider:
      from: { OPENAI_API_KEY: work/OPENAI_API_KEY }   # OPENAI_API_KEY <- work/OPENAI_API_KEY
    mytool:
      keys: [MYTOOL_TOKEN]`,
  epilog: `Exit codes: the tool's own; 125 aim failed (usage, config, trust, no key, keyring);
126 tool not executable; 127 tool not installed.`,
  options,
  positionals: wrappedCommand({ name: "<tool>", complete: "tool" }),
  passthrough: "word",
  load: () => import("./run.js"),
});
