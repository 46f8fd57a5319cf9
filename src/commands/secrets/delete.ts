import { formatStoreKey, parseStoreKey, profileFlag } from "../../core/names.js";
import { openContext } from "../../store/context.js";
import { log } from "../../runtime/log.js";
import { deleteSecret } from "../../store/secrets.js";
import type { Input } from "../../cli/spec.js";
import type { deleteOptions } from "../secrets.spec.js";

export async function run({ values, positionals }: Input<typeof deleteOptions>): Promise<number> {
  const key = formatStoreKey(parseStoreKey(positionals[0] as string, profileFlag(values.profile)));
  const store = await openContext().store();
  await deleteSecret(store, key);
  log.info(`deleted ${key} from the ${store.location}`);
  return 0;
}
