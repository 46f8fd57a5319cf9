import { log } from "../runtime/log.js";
import type { Prepared } from "../run/prepare.js";
import { exitLike, runChild } from "../run/spawn.js";

/**
 * The end that aim exec and aim run share: say what the user should know, start the child with
 * the prepared environment, and end aim the way the child ended.
 */
export async function launch(command: string, args: string[], ready: Prepared, maskFlag: boolean | undefined): Promise<number> {
  for (const warning of ready.warnings) log.warn(warning);
  const mask = maskFlag ?? ready.project.global?.config.mask ?? false;
  const result = await runChild(command, args, ready.resolved.env, mask ? ready.secrets : undefined);
  return exitLike(result);
}
