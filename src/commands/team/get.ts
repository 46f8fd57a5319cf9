import { maskValue } from "../../core/mask.js";
import { AimError, usageError } from "../../errors.js";
import { shownPath } from "../../runtime/shown-path.js";
import { parseCommand } from "../args.js";
import { teamHere } from "../../project/team.js";

export const help = `Usage: aim team get NAME [--show]

Print NAME from the team file, masked unless --show.

Options:
  --show                 print the exact value
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { show: { type: "boolean" } }, help);
  if (!parsed) return 0;
  if (parsed.positionals.length !== 1) throw usageError("expected exactly one NAME", "usage: aim team get NAME");
  const name = parsed.positionals[0] as string;
  const team = await teamHere();
  const value = (await team.open()).values.get(name);
  if (value === undefined) throw new AimError("NOT_FOUND", `${name} is not in ${shownPath(team.file)}`, { hint: `add it with: aim team set ${name}` });
  process.stdout.write(parsed.values.show ? (process.stdout.isTTY ? `${value}\n` : value) : `${maskValue(value)}\n`);
  return 0;
}
