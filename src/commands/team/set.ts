import { isTeamName } from "../../store/team/format.js";
import { assertStorableValue } from "../../core/values.js";
import { usageError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { shownPath } from "../../runtime/shown-path.js";
import { readValue } from "../secrets/set.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";
import type { setOptions } from "../team.spec.js";

export async function run(parsed: Input<typeof setOptions>): Promise<number> {
  const { values, positionals } = parsed;
  if (positionals.length === 0 || positionals.length > 2)
    throw usageError("expected NAME [VALUE]", "usage: aim team set NAME (the value from a prompt or stdin)");
  const name = positionals[0] as string;
  if (!isTeamName(name)) throw usageError(`"${name}" is not a valid name`, "use letters, digits and _, not starting with a digit");
  if (values.prompt && values.stdin) throw usageError("--prompt and --stdin exclude each other");
  const team = await teamHere();
  // Open (and so check membership) before asking for a value that could not be stored.
  await team.open();
  const { value, source } = await readValue(name, positionals[1], values.prompt ? "prompt" : values.stdin ? "stdin" : "auto");
  assertStorableValue(name, value, source);
  let had = false;
  await team.update(process.env, (v) => {
    had = v.has(name);
    if (v.get(name) === value) return false;
    v.set(name, value);
  });
  log.info(`${had ? "updated" : "stored"} ${name} in ${shownPath(team.file)}; commit it to share`);
  return 0;
}
