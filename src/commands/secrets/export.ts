import { formatStoreKey, parseStoreKey, profileFlag, readStoreKey } from "../../core/names.js";
import { unusableValue } from "../../core/values.js";
import { AimError, usageError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { openContext } from "../../store/context.js";
import { requireSecrets } from "../../store/secrets.js";
import { defaultShell, shellByName } from "../../shells/index.js";
import type { Input } from "../../cli/spec.js";
import type { exportOptions } from "../secrets.spec.js";

export async function run({ values, positionals }: Input<typeof exportOptions>): Promise<number> {
  if (values.all && positionals.length > 0) throw usageError("give KEY names or --all, not both");
  if (!values.all && positionals.length === 0) throw usageError("name the keys to export, or pass --all", "see: aim secrets export --help");
  const shell = values.shell === undefined ? defaultShell() : shellByName(values.shell);
  const profile = profileFlag(values.profile);
  const keys = positionals
    .flatMap((p) =>
      p
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .map((k) => formatStoreKey(parseStoreKey(k, profile)));
  // A key of a profile is exported under its NAME: two keys of one NAME would clash.
  const names = new Map<string, string>();
  for (const k of keys) {
    const name = readStoreKey(k)?.name as string;
    const other = names.get(name);
    if (other !== undefined && other !== k) throw usageError(`${other} and ${k} would both be exported as ${name}`, "export one of them");
    names.set(name, k);
  }
  const store = await openContext().store();
  const found = values.all
    ? // Sorted: the keyring returns its entries in no stable order, and the output should not move.
      new Map(
        [...(await store.all())].filter(([k]) => readStoreKey(k)?.profile === profile).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      )
    : await requireSecrets(store, [...names.values()]);
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
  const code = [...found].map(([k, v]) => shell.exportVar(readStoreKey(k)?.name as string, v)).join("\n");
  process.stdout.write(code === "" ? "" : `${code}\n`);
  return 0;
}
