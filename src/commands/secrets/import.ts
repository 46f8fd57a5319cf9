import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { untakenLines } from "../../core/dotenv-lines.js";
import { assertKeyName, formatStoreKey, profileFlag } from "../../core/names.js";
import { refusedNames } from "../../core/reserved-names.js";
import { assertStorableValue, decodeUtf8 } from "../../core/values.js";
import { AimError } from "../../errors.js";
import { openContext } from "../../store/context.js";
import { log } from "../../runtime/log.js";
import { storeSecrets } from "../../store/secrets.js";
import type { Input } from "../../cli/spec.js";
import type { importOptions } from "../secrets.spec.js";

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Every entry of the file, or an error: bytes not UTF-8, a line dotenv would skip, a bad name or value. */
function readEntries(file: string, force: boolean): Array<readonly [string, string]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new AimError("IO", `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: "give the path of a .env file",
    });
  }
  const text = decodeUtf8(bytes, file, "convert it to UTF-8 first (iconv -t UTF-8), or store binary values base64-encoded");
  const untaken = untakenLines(text, (line) => parse(line));
  if (untaken.length > 0) {
    const n = untaken.length;
    throw new AimError(
      "BAD_VALUE",
      `${file}: ${plural(n, "line", "lines")} ${untaken.join(", ")} ${plural(n, "is", "are")} not KEY=value, a comment or blank, so ${plural(n, "its value", "their values")} would be lost; nothing was imported`,
      {
        hint: "fix those lines (a name is letters, digits and _; a comment starts with #), then import again",
      },
    );
  }
  try {
    const entries = Object.entries(parse(text)).map(([k, v]) => [assertKeyName(k), assertStorableValue(k, v, file)] as const);
    refusedNames(
      entries.map(([k]) => k),
      force,
      `aim secrets import ${file}`,
    );
    return entries;
  } catch (err) {
    if (err instanceof AimError) err.message = `${file}: ${err.message}`;
    throw err;
  }
}

export async function run({ values, positionals }: Input<typeof importOptions>): Promise<number> {
  const file = positionals[0] as string;
  const profile = profileFlag(values.profile);
  const entries = readEntries(file, values.force === true).map(([k, v]) => [formatStoreKey({ profile, name: k }), v] as const);
  if (entries.length === 0) throw new AimError("BAD_VALUE", `${file} holds no KEY=value lines; nothing was imported`);
  const store = await openContext().store();
  const { created, updated } = await storeSecrets(store, entries, values.description);
  if (created.length) log.info(`imported ${created.length} new: ${created.join(", ")}`);
  if (updated.length) log.info(`replaced ${updated.length}: ${updated.join(", ")}`);
  log.info(`the values are in the ${store.location}; remove the plaintext file: rm ${file}`);
  return 0;
}
