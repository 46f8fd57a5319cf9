import { hookEnv } from "../hook/diff.js";
import { ownState, parseState, STATE_VAR } from "../hook/state.js";
import { usageError } from "../errors.js";
import { prepareHookFiles } from "../runtime/hook-files.js";
import { hookTarget } from "../hook/target.js";
import { log, writeStdout } from "../runtime/log.js";
import { forbidPrompts } from "../runtime/prompt-policy.js";
import { shellByName } from "../shells/index.js";
import type { Input } from "../cli/spec.js";

/**
 * `aim hook-env <shell> <shell-pid> [dir]`: run by the hook when something may have
 * changed; prints the code that brings the shell's variables in line with `dir` (the
 * shell's logical $PWD, so that paths match what the hook sees). Not listed in help.
 */
export async function run({ positionals: args }: Input): Promise<number> {
  const [name, pid = "", dir = process.cwd()] = args;
  if (name === undefined || args.length > 3)
    throw usageError("usage: aim hook-env <shell> <pid> [dir]", "this command is run by the shell hook: see aim hook --help");
  const shell = shellByName(name);
  forbidPrompts();
  // Touch the marker before reading anything: an edit made while aim runs is then newer
  // than the marker, and the next prompt asks again.
  const paths = prepareHookFiles(pid);
  // Only this shell's own state says what its hook exported (see ownState).
  const found = parseState(process.env[STATE_VAR]);
  const mine = found.id !== undefined && found.id === paths.previousId;
  const target = await hookTarget(dir, mine ? found.keys : []);
  const prev = ownState(found, paths.previousId, target.values, process.env);
  const out = hookEnv(shell, prev, target, process.env, paths, { quiet: process.env.AIM_QUIET === "1", id: paths.id });
  for (const line of out.messages) log.info(line);
  writeStdout(out.code);
  return 0;
}
