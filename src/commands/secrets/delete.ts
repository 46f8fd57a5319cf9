import { formatStoreKey, parseStoreKey, profileFlag } from "../../core/names.js";
import { usageError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { deleteSecret } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets delete KEY

Remove KEY (NAME or PROFILE/NAME) from the store (keyring or vault) and forget its
metadata. A key that does not exist is an error.

Options:
  --profile P            the profile of a plain KEY (work: KEY is work/KEY)
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { profile: { type: "string" } }, help);
  if (!parsed) return 0;
  if (parsed.positionals.length !== 1) throw usageError("expected exactly one KEY", "usage: aim secrets delete KEY");
  const key = formatStoreKey(parseStoreKey(parsed.positionals[0] as string, profileFlag(parsed.values.profile)));
  const store = await openStore();
  await deleteSecret(store, key);
  log.info(`deleted ${key} from the ${store.location}`);
  return 0;
}
