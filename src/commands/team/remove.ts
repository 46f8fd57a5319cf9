import { findRecipient } from "../../store/team/recipients.js";
import { usageError } from "../../errors.js";
import { withLock } from "../../runtime/jsonfile.js";
import { log } from "../../runtime/log.js";
import { publicKey, readIdentity } from "../../store/team/identity.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";

export async function run(parsed: Input): Promise<number> {
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
    if (names.length)
      log.warn(`${gone.name ?? "they"} could read ${names.join(", ")}: rotate each at its source, then run aim team set NAME`);
  });
  return 0;
}
