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
  // The shell's pid names its session in the per-user broker (brokered projects only).
  const shellPid = /^[1-9][0-9]{0,9}$/.test(pid) ? Number(pid) : 0;
  const target = await hookTarget(dir, mine ? found.keys : [], process.env, shellPid);
  const prev = ownState(found, paths.previousId, target.values, process.env);
  if (prev.broker && !target.broker && shellPid > 0) await (await import("../hook/broker.js")).closeBrokerSession(shellPid, process.env);
  // In and out of a brokered project, the proxy and CA variables show as one word: +broker.
  const grouped =
    prev.broker || target.broker ? { names: (await import("../broker/env.js")).BROKER_VARIABLES, label: "broker" } : undefined;
  const out = hookEnv(shell, prev, target, process.env, paths, { quiet: process.env.AIM_QUIET === "1", id: paths.id, grouped });
  for (const line of out.messages) log.info(line);
  writeStdout(out.code);
  return 0;
}
