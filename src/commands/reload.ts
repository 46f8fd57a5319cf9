import { touchReload } from "../runtime/hook-files.js";
import { parseCommand } from "./args.js";

export const help = `Usage: aim reload

Make every shell with aim's hook ask aim again at its next prompt, as if you had left the
folder and come back: keys are fetched from the keyring anew. aim allow, aim deny and
aim secrets set/delete do this by themselves.

Options:
  -h, --help      show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, {}, help, { positionals: false });
  if (!parsed) return 0;
  touchReload();
  return 0;
}
