import { readFileSync } from "node:fs";
import { mergeTeams } from "../../store/team/format.js";
import { usageError } from "../../errors.js";
import type { Recipient } from "../../store/team/recipients.js";
import { writeAtomic } from "../../runtime/jsonfile.js";
import { log } from "../../runtime/log.js";
import { decryptTeam, encryptTeam, type TeamFiles } from "../../store/team/file.js";
import { noIdentity, readIdentity } from "../../store/team/identity.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";

export async function run(parsed: Input): Promise<number> {
  if (parsed.positionals.length !== 3) throw usageError("expected BASE OURS THEIRS", "git runs it as: aim team merge %O %A %B");
  const [base, ours, theirs] = parsed.positionals as [string, string, string];
  const id = await readIdentity();
  if (!id) throw noIdentity();
  const open = (p: string) => decryptTeam(readFileSync(p), id.identity, p);
  const [b, o, t] = await Promise.all([open(base), open(ours), open(theirs)]);
  const { doc, conflicts } = mergeTeams(b, o, t);
  if (conflicts.length) {
    log.error(`team file conflict: ${conflicts.join(", ")} changed on both branches; ${ours} is left as it was`);
    log.error(`resolve it: git checkout --ours .aim/team.age, then aim team set ${conflicts[0]} with the right value`);
    return 1;
  }
  // Encrypt to the merged set of members (each side's additions and removals kept).
  const team = await teamHere();
  const listed = new Map(named(team).map((r) => [r.key, r]));
  const recipients = doc.recipients.map((key, i) => listed.get(key) ?? { key, name: undefined, line: i + 1 });
  await writeAtomic(ours, await encryptTeam(doc, recipients, team.recipientsFile), 0o644);
  log.info(`merged the team file: ${doc.values.size} names, ${recipients.length} members`);
  return 0;
}

/** The names of the members, where the recipients file parses; a merge needs only keys. */
function named(team: TeamFiles): Recipient[] {
  try {
    return team.recipients();
  } catch {
    return [];
  }
}
