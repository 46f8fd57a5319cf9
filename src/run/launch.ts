import { usageError } from "../errors.js";
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
  broker = false,
): Promise<number> {
  for (const warning of ready.warnings) log.warn(warning);
  const mask = maskFlag ?? ready.project.global?.config.mask ?? false;
  // The broker lives in aim: a brokered command takes the spawn path.
  if (broker) return exitLike(await (await import("./brokered.js")).runBrokered(command, args, ready, mask));
  if (canReplace(mask)) replaceWith(command, args, ready.resolved.env, inherited);
  const result = await runChild(command, args, ready.resolved.env, mask ? ready.secrets : undefined);
  return exitLike(result);
}

/**
 * Whether to broker: --broker or --no-broker, else the project's `broker:`, else the
 * global config's, else `fallback` (aim run: true for a tool proven through the broker).
 */
export function brokerWanted(
  flags: { broker?: boolean; "no-broker"?: boolean },
  project: Pick<Prepared["project"], "file" | "global">,
  fallback = false,
): boolean {
  if (flags.broker && flags["no-broker"]) throw usageError("--broker and --no-broker contradict each other", "give one of them");
  if (flags.broker) return true;
  if (flags["no-broker"]) return false;
  return project.file?.config.broker ?? project.global?.config.broker ?? fallback;
}
