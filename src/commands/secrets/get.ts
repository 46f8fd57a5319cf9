import { maskValue } from "../../run/mask.js";
import { formatStoreKey, parseStoreKey, profileFlag } from "../../core/names.js";
import { splitScheme } from "../../core/reference.js";
import { log } from "../../runtime/log.js";
import { forbidPrompts } from "../../runtime/prompt-policy.js";
import { openContext } from "../../store/context.js";
import { readTarget, type Target } from "../../store/secrets.js";
import type { Input } from "../../cli/spec.js";
import type { getOptions } from "../secrets.spec.js";

/** KEY as `aim secrets get/set` take it: a store key (under --profile) or any provider's SCHEME:PATH. */
export async function targetOf(text: string, profile: string | undefined): Promise<{ target: Target; projectDir?: string }> {
  const ref = splitScheme(text);
  if (!ref) return { target: { scheme: "store", key: formatStoreKey(parseStoreKey(text, profileFlag(profile))) } };
  // A provider may read the project's files (team:): those beside the governing .aimrc.
  const { projectDirOf } = await import("../../project/team.js");
  return { target: ref, projectDir: await projectDirOf() };
}

export async function run({ values, positionals }: Input<typeof getOptions>): Promise<number> {
  const key = positionals[0] as string;
  // --show is what key helpers run (Claude Code's apiKeyHelper, every 5 minutes, with no one
  // at the terminal): a locked store is an error on stderr, never a prompt that hangs the agent.
  if (values.show) forbidPrompts();
  const { target, projectDir } = await targetOf(key, values.profile);
  const value = await readTarget(openContext({ projectDir }), target);
  if (values.clipboard) {
    const { copyAndClearLater, clearAfterSeconds } = await import("../../terminal/clipboard.js");
    await copyAndClearLater(value);
    log.info(`copied ${key} to the clipboard; it is cleared in ${clearAfterSeconds()} seconds`);
    if (!values.show) return 0;
  }
  if (values.show) {
    process.stdout.write(process.stdout.isTTY ? `${value}\n` : value);
  } else {
    process.stdout.write(`${maskValue(value)}\n`);
  }
  return 0;
}
