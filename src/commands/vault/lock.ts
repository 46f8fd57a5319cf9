import { log } from "../../runtime/log.js";
import { lockVault } from "../../store/vault/unlock.js";

export async function run(): Promise<number> {
  log.info((await lockVault()) ? "locked the vault: its agent has stopped" : "the vault was not unlocked; nothing to do");
  return 0;
}
