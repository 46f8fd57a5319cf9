import { findRecipient } from "../../core/recipients.js";
import { usageError } from "../../errors.js";
import { withLock } from "../../runtime/jsonfile.js";
import { log } from "../../runtime/log.js";
import { publicKey, readIdentity } from "../../store/team/identity.js";
import { parseCommand } from "../args.js";
import { teamHere } from "../../project/team.js";

export const help = `Usage: aim team remove KEY|NAME

Remove a member and re-encrypt .aim/team.age with a fresh file key to the others. The
removed member can still read every older copy in git history: rotate the values it
could read (aim lists them) at their source, then aim team set each again.

Options:
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, {}, help);
  if (!parsed) return 0;
  const [which, ...extra] = parsed.positionals;
  if (which === undefined || extra.length) throw usageError("expected one KEY or NAME", "usage: aim team remove NAME");
  const team = await teamHere();
  await withLock(team.file, async () => {
    const list = team.recipients();
    const gone = findRecipient(list, which, team.recipientsFile);
    const rest = list.filter((r) => r !== gone);
    if (rest.length === 0) throw usageError("that would leave the team file with no member", "add someone else first: aim team add KEY");
    const doc = await team.open();
    await team.seal(doc.values, rest);
    await team.writeRecipients(rest);
    const names = [...doc.values.keys()].sort();
    const id = await readIdentity();
    if (id && (await publicKey(id.identity)) === gone.key) log.warn("that was your own key: you can no longer read the new team file");
    log.info(`removed ${gone.name ?? gone.key}; the team file is re-encrypted to ${rest.length} member${rest.length === 1 ? "" : "s"}`);
    if (names.length) log.warn(`${gone.name ?? "they"} could read ${names.join(", ")}: rotate each at its source, then run aim team set NAME`);
  });
  return 0;
}
