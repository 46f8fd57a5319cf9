import { AimError, EXIT, usageError } from "../errors.js";
import { prepareEnv } from "../run/prepare.js";
import { findTool, loadRegistry, onPath } from "../project/tools.js";
import { parseCommand } from "./args.js";
import { splitCommand } from "./split.js";
import { launch } from "./launch.js";

export const help = `Usage: aim run [options] <tool> [args...]

Run a registered AI tool with the keys it reads: every one the keyring (or the environment)
holds is handed over, the others are named on stderr. When none of the keys that suffice
for the tool is present, aim refuses (exit 125). A trusted .aimrc adds its keys, an
untrusted one stops aim as aim exec does. Everything after <tool> goes to the tool as is.
aim tools lists the registry; the global config can add tools, change an entry, or fill a
variable from another keyring key:

  # ~/.config/aim/config.yaml
  tools:
    aider:
      from: { OPENAI_API_KEY: WORK_OPENAI_KEY }   # OPENAI_API_KEY <- keyring WORK_OPENAI_KEY
    mytool:
      keys: [MYTOOL_TOKEN]

Options:
  --mask          replace secret values in the tool's output with *****
  --no-config     ignore .aimrc files: hand over the tool's keys only
  -h, --help      show this help

Exit codes: the tool's own; 125 aim failed (config, trust, no key, keyring);
126 tool not executable; 127 tool not installed.
`;

export async function run(argv: string[]): Promise<number> {
  const [own, rest] = splitCommand(argv, new Set());
  const parsed = parseCommand(own, { "no-config": { type: "boolean" }, mask: { type: "boolean" } }, help, { positionals: false });
  if (!parsed) return 0;
  const [name, ...args] = rest;
  if (name === undefined) throw usageError("no tool given", "usage: aim run <tool> [args...]; aim tools lists them");
  const registry = await loadRegistry();
  const tool = findTool(registry, name);
  // Said first: a tool that is not there needs no keys, and warnings about them would bury this.
  if (!onPath(tool.command)) {
    throw new AimError("TOOL", `command not found: ${tool.command} (${tool.name} is not installed)`, {
      hint: "install it, or put it on PATH; aim tools lists what is installed",
      exitCode: EXIT.notFound,
    });
  }
  const ready = await prepareEnv(process.cwd(), { flags: { noConfig: parsed.values["no-config"] }, tool, global: registry.global });
  return launch(tool.command, args, ready, parsed.values.mask);
}
