import { findTool, loadRegistry } from "../project/tools.js";
import { prepareEnv } from "../run/prepare.js";
import { launch } from "./launch.js";
import type { Input } from "./spec.js";
import type { options } from "./specs/run.js";

export async function run({ values, positionals }: Input<typeof options>): Promise<number> {
  const [name, ...args] = positionals as [string, ...string[]];
  const registry = await loadRegistry();
  const tool = findTool(registry, name);
  const ready = await prepareEnv(process.cwd(), { flags: { noConfig: values["no-config"] }, tool, global: registry.global });
  return launch(tool.command, args, ready, values.mask);
}
