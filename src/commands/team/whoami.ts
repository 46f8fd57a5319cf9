import { log } from "../../runtime/log.js";
import { ensureIdentity, publicKey } from "../../store/team/identity.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim team whoami

Print your age public key (age1…), the one a member adds with aim team add. On first use
aim makes your identity and keeps it in your own store (the keyring, or the file vault),
never in a plain file. In CI, AIM_IDENTITY holds an identity instead (AGE-SECRET-KEY-1…).

Options:
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  if (!parseCommand(args, {}, help, { positionals: false })) return 0;
  const { identity, created } = await ensureIdentity();
  if (created) log.info(`made your team identity and stored it in the ${created}`);
  process.stdout.write(`${await publicKey(identity)}\n`);
  return 0;
}
