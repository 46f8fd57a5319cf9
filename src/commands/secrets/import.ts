import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { assertKeyName } from "../../core/names.js";
import { refusedNames } from "../../core/reserved-names.js";
import { assertStorableValue } from "../../core/values.js";
import { AimError, usageError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { storeSecrets } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets import FILE [--description TEXT]

Read a .env file and store each of its values in the keyring. Every name and value is
checked first: if one is bad, nothing is stored. Values are never printed. Once imported,
delete the plaintext file.

Options:
  --description TEXT     a note kept beside every imported key
  --force                also store names that change how programs start (PATH,
                         LD_PRELOAD, NODE_OPTIONS, PROMPT_COMMAND, ...: see the README)
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { description: { type: "string", short: "d" }, force: { type: "boolean" } }, help);
  if (!parsed) return 0;
  if (parsed.positionals.length !== 1) throw usageError("expected exactly one FILE", "usage: aim secrets import .env");
  const file = parsed.positionals[0] as string;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new AimError("IO", `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: "give the path of a .env file",
    });
  }
  let entries: Array<readonly [string, string]>;
  try {
    entries = Object.entries(parse(text)).map(([k, v]) => [assertKeyName(k), assertStorableValue(k, v, file)] as const);
    refusedNames(entries.map(([k]) => k), parsed.values.force === true, `aim secrets import ${file}`);
  } catch (err) {
    if (err instanceof AimError) err.message = `${file}: ${err.message}`;
    throw err;
  }
  if (entries.length === 0) throw new AimError("BAD_VALUE", `${file} holds no KEY=value lines; nothing was imported`);
  const store = await openStore();
  const { created, updated } = await storeSecrets(store, entries, parsed.values.description);
  if (created.length) log.info(`imported ${created.length} new: ${created.join(", ")}`);
  if (updated.length) log.info(`replaced ${updated.length}: ${updated.join(", ")}`);
  log.info(`the values are in the ${store.location}; remove the plaintext file: rm ${file}`);
  return 0;
}
