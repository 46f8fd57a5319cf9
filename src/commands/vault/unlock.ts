import { parseDuration } from "../../core/duration.js";
import { usageError } from "../../errors.js";
import { touchReload } from "../../runtime/hook-files.js";
import { log } from "../../runtime/log.js";
import { unlockVault } from "../../store/vault/unlock.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim vault unlock [--timeout DURATION]

Ask for the vault's passphrase once (hidden prompt on a terminal, or AIM_VAULT_PASSPHRASE)
and start a background agent that keeps the vault unlocked for this login session, like
ssh-agent: later aim commands ask it instead of you. The passphrase stays in the agent's
memory only: never on disk, in argv or in an environment variable. With no vault yet,
this creates one and asks for the new passphrase twice.

Options:
  --timeout DURATION     lock again after this long unused: 90s, 30m, 4h
                         (default: AIM_VAULT_TIMEOUT, else 4h)
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { timeout: { type: "string" } }, help, { positionals: false });
  if (!parsed) return 0;
  const text = parsed.values.timeout ?? process.env.AIM_VAULT_TIMEOUT ?? "4h";
  const idleMs = parseDuration(text);
  if (idleMs === undefined) throw usageError(`"${text}" is not a duration`, "use seconds or 90s, 30m, 4h");
  const r = await unlockVault(idleMs);
  touchReload(); // shells with the hook load their project's keys at the next prompt
  if (r.already) log.info(`the vault ${r.vault} is already unlocked (agent pid ${r.pid}); lock it with: aim vault lock`);
  else log.info(`${r.created ? "created and unlocked" : "unlocked"} ${r.vault} until ${text} unused (agent pid ${r.pid}); lock it with: aim vault lock`);
  return 0;
}
