import { maskValue } from "../../core/mask.js";
import { formatStoreKey, parseStoreKey, profileFlag } from "../../core/names.js";
import { usageError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { requireSecrets } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets get KEY [options]

Print KEY's value masked (sk-a…9f2), so that it can be recognised but not copied. KEY is
NAME (the default profile) or PROFILE/NAME.

Options:
  --show                 print the exact value (one trailing newline on a terminal only)
  --clipboard            copy the value to the clipboard; cleared again after 45 seconds
  --profile P            the profile of a plain KEY (work: KEY is work/KEY)
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { show: { type: "boolean" }, clipboard: { type: "boolean" }, profile: { type: "string" } }, help);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usageError("expected exactly one KEY", "usage: aim secrets get KEY");
  const key = formatStoreKey(parseStoreKey(positionals[0] as string, profileFlag(values.profile)));
  const value = (await requireSecrets(await openStore(), [key])).get(key) as string;
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
