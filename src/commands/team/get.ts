import { maskValue } from "../../run/mask.js";
import { AimError, usageError } from "../../errors.js";
import { shownPath } from "../../runtime/shown-path.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";
import type { getOptions } from "../team.spec.js";

export async function run(parsed: Input<typeof getOptions>): Promise<number> {
  if (parsed.positionals.length !== 1) throw usageError("expected exactly one NAME", "usage: aim team get NAME");
  const name = parsed.positionals[0] as string;
  const team = await teamHere();
  const value = (await team.open()).values.get(name);
  if (value === undefined)
    throw new AimError("NOT_FOUND", `${name} is not in ${shownPath(team.file)}`, { hint: `add it with: aim team set ${name}` });
  process.stdout.write(parsed.values.show ? (process.stdout.isTTY ? `${value}\n` : value) : `${maskValue(value)}\n`);
  return 0;
}
