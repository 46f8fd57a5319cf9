import { checkProfileOption } from "../core/names.js";
import { AimError } from "../errors.js";
import { findTool, loadRegistry, onPath } from "../project/tools.js";
import { canReplace, inheritedFds } from "../run/execve.js";
import { prepareEnv } from "../run/prepare.js";
import { log } from "../runtime/log.js";
import { launch } from "../run/launch.js";
import type { Input } from "../cli/spec.js";
import type { options } from "./run.spec.js";

export async function run({ values, positionals }: Input<typeof options>): Promise<number> {
  // Before aim opens anything: these are the parent's, and pass to the tool.
  const inherited = canReplace(false) ? inheritedFds() : undefined;
  const [name, ...args] = positionals as [string, ...string[]];
  const registry = await loadRegistry();
  const tool = findTool(registry, name);
  for (const note of registry.notes) log.warn(note);
  // Said first: a tool that is not there needs no keys, and warnings about them would bury this.
  if (!onPath(tool.command)) {
    throw new AimError("COMMAND_NOT_FOUND", `command not found: ${tool.command} (${tool.name} is not installed)`, {
      hint: "install it, or put it on PATH; aim tools lists what is installed",
    });
  }
  const profile = checkProfileOption(values.profile);
  const ready = await prepareEnv(process.cwd(), { flags: { noConfig: values["no-config"], profile }, tool, global: registry.global });
  return launch(tool.command, args, ready, values.mask, inherited);
}
