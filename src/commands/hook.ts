import { realpathSync } from "node:fs";
import { renderHook } from "../hook/script.js";
import { HOOKS } from "../shells/hooks.js";
import { shellByName } from "../shells/index.js";
import type { Input } from "../cli/spec.js";

export async function run({ positionals }: Input): Promise<number> {
  const shell = shellByName(positionals[0] as string);
  const entry = realpathSync(process.argv[1] ?? "");
  process.stdout.write(renderHook(shell, HOOKS[shell.name], { node: process.execPath, aim: entry }));
  return 0;
}
