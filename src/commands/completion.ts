import { realpathSync } from "node:fs";
import { COMPLETIONS } from "../shells/completion.js";
import { shellByName } from "../shells/index.js";
import type { Input } from "./spec.js";

/** `aim completion <shell>`: the completion code, calling back this node and this aim. */
export async function run({ positionals }: Input): Promise<number> {
  const shell = shellByName(positionals[0] as string);
  const entry = realpathSync(process.argv[1] ?? "");
  process.stdout.write(COMPLETIONS[shell.name](`${shell.quote(process.execPath)} ${shell.quote(entry)}`));
  return 0;
}
