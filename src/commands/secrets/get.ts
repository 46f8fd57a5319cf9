import { maskValue } from "../../core/mask.js";
import { formatStoreKey, parseStoreKey, profileFlag } from "../../core/names.js";
import { AimError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { passResolve } from "../../store/pass.js";
import { log } from "../../runtime/log.js";
import { forbidPrompts } from "../../runtime/prompt-policy.js";
import { requireSecrets } from "../../store/secrets.js";
import type { Input } from "../spec.js";
import type { getOptions } from "../specs/secrets.js";

const fromStore = async (key: string) => (await requireSecrets(await openStore(), [key])).get(key) as string;

async function fromPass(path: string): Promise<string> {
  const value = (await passResolve([path])).get(path);
  if (value === undefined)
    throw new AimError("NOT_FOUND", `pass:${path} is not in the password store`, { hint: `add it with: aim secrets set pass:${path}` });
  return value;
}

export async function run({ values, positionals }: Input<typeof getOptions>): Promise<number> {
  const key = positionals[0] as string;
  // --show is what key helpers run (Claude Code's apiKeyHelper, every 5 minutes, with no one
  // at the terminal): a locked store is an error on stderr, never a prompt that hangs the agent.
  if (values.show) forbidPrompts();
  const value = key.startsWith("pass:")
    ? await fromPass(key.slice(5))
    : await fromStore(formatStoreKey(parseStoreKey(key, profileFlag(values.profile))));
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
