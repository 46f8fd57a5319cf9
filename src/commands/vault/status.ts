import { existsSync } from "node:fs";
import { log } from "../../runtime/log.js";
import { vaultPath } from "../../store/vault/paths.js";
import { agentStatus } from "../../store/vault/unlock.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim vault status [--json]

Say where the vault is, whether it exists, and whether an agent keeps it unlocked.
Exits 0 when it is unlocked, 1 when it is locked.

Options:
  --json                 print {vault, exists, unlocked, agentPid, expiresAt}
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { json: { type: "boolean" } }, help, { positionals: false });
  if (!parsed) return 0;
  const vault = vaultPath();
  const agent = await agentStatus();
  const unlocked = agent?.ok === true;
  const status = { vault, exists: existsSync(vault), unlocked, agentPid: agent?.pid ?? null, expiresAt: agent?.expiresAt ?? null };
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  } else if (!status.exists) {
    log.info(`no vault yet at ${vault}; aim vault unlock (or the first aim secrets set on the file backend) creates it`);
  } else if (unlocked) {
    log.info(`${vault} is unlocked by agent pid ${status.agentPid} until ${status.expiresAt} if unused`);
  } else {
    log.info(`${vault} is locked; unlock it with: aim vault unlock`);
  }
  return unlocked ? 0 : 1;
}
