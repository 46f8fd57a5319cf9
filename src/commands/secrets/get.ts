import { maskValue } from "../../core/mask.js";
import { assertKeyName } from "../../core/names.js";
import { AimError, usageError } from "../../errors.js";
import { passResolve } from "../../store/pass.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { requireSecrets } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets get KEY [options]

Print KEY's value masked (sk-a…9f2), so that it can be recognised but not copied.

Options:
  --show                 print the exact value (one trailing newline on a terminal only)
  --clipboard            copy the value to the clipboard; cleared again after 45 seconds
  -h, --help             show this help
`;

const fromStore = async (key: string) => (await requireSecrets(await openStore(), [key])).get(key) as string;

async function fromPass(path: string): Promise<string> {
  const value = (await passResolve([path])).get(path);
  if (value === undefined) throw new AimError("NOT_FOUND", `pass:${path} is not in the password store`, { hint: `add it with: aim secrets set pass:${path}` });
  return value;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { show: { type: "boolean" }, clipboard: { type: "boolean" } }, help);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usageError("expected exactly one KEY", "usage: aim secrets get KEY");
  const key = positionals[0] as string;
  const value = key.startsWith("pass:") ? await fromPass(key.slice(5)) : await fromStore(assertKeyName(key));
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
