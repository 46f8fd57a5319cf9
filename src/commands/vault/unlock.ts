import { parseDuration } from "../../core/duration.js";
import { usageError } from "../../errors.js";
import { touchReload } from "../../runtime/hook-files.js";
import { log } from "../../runtime/log.js";
import { unlockVault } from "../../store/vault/unlock.js";
import type { Input } from "../../cli/spec.js";
import type { unlockOptions } from "../vault.spec.js";

export async function run({ values }: Input<typeof unlockOptions>): Promise<number> {
  const text = values.timeout ?? process.env.AIM_VAULT_TIMEOUT ?? "4h";
  const idleMs = parseDuration(text);
  if (idleMs === undefined) throw usageError(`"${text}" is not a duration`, "use seconds or 90s, 30m, 4h");
  const r = await unlockVault(idleMs);
  touchReload(); // shells with the hook load their project's keys at the next prompt
  if (r.already) log.info(`the vault ${r.vault} is already unlocked (agent pid ${r.pid}); lock it with: aim vault lock`);
  else
    log.info(
      `${r.created ? "created and unlocked" : "unlocked"} ${r.vault} until ${text} unused (agent pid ${r.pid}); lock it with: aim vault lock`,
    );
  return 0;
}
