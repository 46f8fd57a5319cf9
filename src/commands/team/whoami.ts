import { log } from "../../runtime/log.js";
import { ensureIdentity, publicKey } from "../../store/team/identity.js";
import type { Input } from "../../cli/spec.js";

export async function run(_input: Input): Promise<number> {
  const { identity, created } = await ensureIdentity();
  if (created) log.info(`made your team identity and stored it in the ${created}`);
  process.stdout.write(`${await publicKey(identity)}\n`);
  return 0;
}
