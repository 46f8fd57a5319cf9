import { maskValue } from "../../core/mask.js";
import { assertKeyName } from "../../core/names.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { requireSecrets } from "../../store/secrets.js";
import type { Input } from "../spec.js";
import type { getOptions } from "../specs/secrets.js";

export async function run({ values, positionals }: Input<typeof getOptions>): Promise<number> {
  const key = assertKeyName(positionals[0] as string);
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
