import { existsSync } from "node:fs";
import { log } from "../../runtime/log.js";
import { vaultPath } from "../../store/vault/paths.js";
import { agentStatus } from "../../store/vault/unlock.js";
import type { Input } from "../../cli/spec.js";
import type { statusOptions } from "../vault.spec.js";

export async function run({ values }: Input<typeof statusOptions>): Promise<number> {
  const vault = vaultPath();
  const agent = await agentStatus();
  const unlocked = agent?.ok === true;
  const status = { vault, exists: existsSync(vault), unlocked, agentPid: agent?.pid ?? null, expiresAt: agent?.expiresAt ?? null };
  if (values.json) {
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
