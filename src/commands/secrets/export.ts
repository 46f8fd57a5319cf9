import { parseKeyList } from "../../core/names.js";
import { usageError } from "../../errors.js";
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
  const code = [...found].map(([k, v]) => shell.exportVar(k, v)).join("\n");
  process.stdout.write(code === "" ? "" : `${code}\n`);
  return 0;
}
