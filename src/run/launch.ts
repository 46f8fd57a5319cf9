import { log } from "../runtime/log.js";
import { canReplace, replaceWith } from "./execve.js";
import type { Prepared } from "./prepare.js";
import { exitLike, runChild } from "./spawn.js";

/**
 * The end that aim exec and aim run share: say what the user should know, then hand over
 * to the command with the prepared environment. Where Node has process.execve (and the
 * output is not masked) aim becomes the command; elsewhere it spawns it, waits, and ends
 * the way the child ended.
 */
export async function launch(
  command: string,
  args: string[],
  ready: Prepared,
  maskFlag: boolean | undefined,
  inherited?: ReadonlySet<number>,
): Promise<number> {
  for (const warning of ready.warnings) log.warn(warning);
  const mask = maskFlag ?? ready.project.global?.config.mask ?? false;
  if (canReplace(mask)) replaceWith(command, args, ready.resolved.env, inherited);
  const result = await runChild(command, args, ready.resolved.env, mask ? ready.secrets : undefined);
  return exitLike(result);
}
