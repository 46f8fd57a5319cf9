import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { assertKeyName, formatStoreKey, profileFlag } from "../../core/names.js";
import { refusedNames } from "../../core/reserved-names.js";
import { assertStorableValue } from "../../core/values.js";
import { AimError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { storeSecrets } from "../../store/secrets.js";
import type { Input } from "../spec.js";
import type { importOptions } from "../specs/secrets.js";

export async function run({ values, positionals }: Input<typeof importOptions>): Promise<number> {
  const file = positionals[0] as string;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new AimError("IO", `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: "give the path of a .env file",
    });
  }
  const profile = profileFlag(values.profile);
  let entries: Array<readonly [string, string]>;
  try {
    const named = Object.entries(parse(text)).map(([k, v]) => [assertKeyName(k), assertStorableValue(k, v, file)] as const);
    refusedNames(named.map(([k]) => k), values.force === true, `aim secrets import ${file}`);
    entries = named.map(([k, v]) => [formatStoreKey({ profile, name: k }), v] as const);
  } catch (err) {
    if (err instanceof AimError) err.message = `${file}: ${err.message}`;
    throw err;
  }
  if (entries.length === 0) throw new AimError("BAD_VALUE", `${file} holds no KEY=value lines; nothing was imported`);
  const store = await openStore();
  const { created, updated } = await storeSecrets(store, entries, values.description);
  if (created.length) log.info(`imported ${created.length} new: ${created.join(", ")}`);
  if (updated.length) log.info(`replaced ${updated.length}: ${updated.join(", ")}`);
  log.info(`the values are in the ${store.location}; remove the plaintext file: rm ${file}`);
  return 0;
}
