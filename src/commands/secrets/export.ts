import { parseKeyList } from "../../core/names.js";
import { unusableValue } from "../../core/values.js";
import { AimError, usageError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { openStore } from "../../store/backend.js";
import { requireSecrets } from "../../store/secrets.js";
import { defaultShell, shellByName } from "../../shells/index.js";
import type { Input } from "../spec.js";
import type { exportOptions } from "../specs/secrets.js";

export async function run({ values, positionals }: Input<typeof exportOptions>): Promise<number> {
  if (values.all && positionals.length > 0) throw usageError("give KEY names or --all, not both");
  if (!values.all && positionals.length === 0) throw usageError("name the keys to export, or pass --all", "see: aim secrets export --help");
  const shell = values.shell === undefined ? defaultShell() : shellByName(values.shell);
  const store = await openStore();
  const found = values.all ? await store.all() : await requireSecrets(store, positionals.flatMap(parseKeyList));
  // A value another program wrote may be one no environment can hold: never print it.
  const bad = [...found].flatMap(([k, v]) => {
    const why = unusableValue(k, v);
    return why === undefined ? [] : [[k, why] as const];
  });
  if (bad.length > 0 && !values.all) {
    throw new AimError("BAD_VALUE", `${bad.map(([, why]) => why).join("; ")}; nothing was exported`, {
      hint: `store it again: aim secrets set ${bad[0]?.[0]}`,
    });
  }
  for (const [k, why] of bad) {
    log.warn(`not exporting ${k}: ${why}; store it again: aim secrets set ${k}`);
    found.delete(k);
  }
  const code = [...found].map(([k, v]) => shell.exportVar(k, v)).join("\n");
  process.stdout.write(code === "" ? "" : `${code}\n`);
  return 0;
}
