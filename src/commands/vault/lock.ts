import { log } from "../../runtime/log.js";
import { lockVault } from "../../store/vault/unlock.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim vault lock

Stop the agent that keeps the vault unlocked. The next command that needs a secret asks
for the passphrase again (or uses AIM_VAULT_PASSPHRASE).

Options:
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  if (!parseCommand(args, {}, help, { positionals: false })) return 0;
  log.info((await lockVault()) ? "locked the vault: its agent has stopped" : "the vault was not unlocked; nothing to do");
  return 0;
}
