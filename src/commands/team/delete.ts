import { AimError, usageError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { shownPath } from "../../runtime/shown-path.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";

export async function run(parsed: Input): Promise<number> {
  if (parsed.positionals.length !== 1) throw usageError("expected exactly one NAME", "usage: aim team delete NAME");
  const name = parsed.positionals[0] as string;
  const team = await teamHere();
  let had = false;
  await team.update(process.env, (v) => (had = v.delete(name)));
  if (!had) throw new AimError("NOT_FOUND", `${name} is not in ${shownPath(team.file)}`, { hint: "see the names with: aim team list" });
  log.info(`deleted ${name} from ${shownPath(team.file)}`);
  return 0;
}
