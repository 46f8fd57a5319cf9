import { assertKeyName } from "../../core/names.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { deleteSecret } from "../../store/secrets.js";
import type { Input } from "../spec.js";

export async function run({ positionals }: Input): Promise<number> {
  const key = assertKeyName(positionals[0] as string);
  const store = await openStore();
  await deleteSecret(store, key);
  log.info(`deleted ${key} from the ${store.location}`);
  return 0;
}
