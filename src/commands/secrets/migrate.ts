import type { BackendName } from "../../core/backend-choice.js";
import { usageError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { migrateSecrets } from "../../store/migrate.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets migrate --to file|keyring [--force]

Move every stored key from the backend in use to the other one: the encrypted file vault
(file) or the OS keyring (keyring). Each value is copied, read back from the target, and
only then deleted from the source; descriptions and times are kept. The new backend is
then recorded as "backend" in the global config, $AIM_CONFIG_DIR/config.json or
config.yaml, whichever exists (unless AIM_BACKEND is set, which you then change
yourself). Names are reported, values never.

Options:
  --to BACKEND           file or keyring
  --force                overwrite keys that the target already holds with other values
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { to: { type: "string" }, force: { type: "boolean" } }, help, { positionals: false });
  if (!parsed) return 0;
  const to = parsed.values.to;
  if (to !== "file" && to !== "keyring") throw usageError("--to must be file or keyring", "see: aim secrets migrate --help");
  const r = await migrateSecrets(to as BackendName, parsed.values.force ?? false);
  if (r.moved.length === 0) log.info(`no secrets to move from the ${r.from}`);
  else log.info(`moved ${r.moved.length} to the ${r.to}: ${r.moved.join(", ")}`);
  if (r.configPath) log.info(`aim now uses the ${to} backend (${r.configPath.endsWith(".json") ? `"backend": "${to}"` : `backend: ${to}`} in ${r.configPath})`);
  else log.warn(`AIM_BACKEND is set in your environment: set AIM_BACKEND=${to} so that aim uses the ${r.to}`);
  return 0;
}
