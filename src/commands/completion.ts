import { realpathSync } from "node:fs";
import { COMPLETIONS } from "../generated/completions.js";
import { shellByName } from "../shells/index.js";
import type { Input } from "../cli/spec.js";

/**
 * `aim completion <shell>`: the code in shell/completion.* (inlined at build time), calling
 * back this node and this aim. It holds no list of its own: at each Tab it runs
 * `aim __complete <shell> --current=WORD WORDS...` and offers what that prints (a first line
 * naming what the shell completes by itself when aim has no list, then `value<TAB>description`
 * lines). The current word travels as --current=WORD because PowerShell before 7.3 drops an
 * empty argument.
 */
export async function run({ positionals }: Input): Promise<number> {
  const shell = shellByName(positionals[0] as string);
  const entry = realpathSync(process.argv[1] ?? "");
  const code = (COMPLETIONS satisfies Record<typeof shell.name, string>)[shell.name];
  process.stdout.write(code.replaceAll("{{RUN}}", () => `${shell.quote(process.execPath)} ${shell.quote(entry)}`));
  return 0;
}
