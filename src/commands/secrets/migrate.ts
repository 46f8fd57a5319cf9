import type { BackendName } from "../../core/backend-choice.js";
import { usageError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { migrateSecrets } from "../../store/migrate.js";
import type { Input } from "../../cli/spec.js";
import type { migrateOptions } from "../secrets.spec.js";

export async function run({ values }: Input<typeof migrateOptions>): Promise<number> {
  const to = values.to;
  if (to !== "file" && to !== "keyring") throw usageError("--to must be file or keyring", "see: aim secrets migrate --help");
  const r = await migrateSecrets(to as BackendName, values.force ?? false);
  if (r.moved.length === 0) log.info(`no secrets to move from the ${r.from}`);
  else log.info(`moved ${r.moved.length} to the ${r.to}: ${r.moved.join(", ")}`);
  if (r.configPath)
    log.info(
      `aim now uses the ${to} backend (${r.configPath.endsWith(".json") ? `"backend": "${to}"` : `backend: ${to}`} in ${r.configPath})`,
    );
  else log.warn(`AIM_BACKEND is set in your environment: set AIM_BACKEND=${to} so that aim uses the ${r.to}`);
  return 0;
}
