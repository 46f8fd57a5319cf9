import { mergeTeams } from "../../store/team/format.js";
import { usageError } from "../../errors.js";
import { memberLabel, type Recipient } from "../../store/team/recipients.js";
import { writeAtomic } from "../../runtime/jsonfile.js";
import { log } from "../../runtime/log.js";
import { approvedFor, secretDigest } from "../../store/team/approved.js";
import { decryptTeam, encryptTeam, followsSecret, mergedSecret, readTeamBytes, type TeamFiles } from "../../store/team/file.js";
import { noIdentity, readIdentity } from "../../store/team/identity.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";

export async function run(parsed: Input): Promise<number> {
  if (parsed.positionals.length !== 3) throw usageError("expected BASE OURS THEIRS", "git runs it as: aim team merge %O %A %B");
  const [base, ours, theirs] = parsed.positionals as [string, string, string];
  const id = await readIdentity();
  if (!id) throw noIdentity();
  const open = (p: string) => decryptTeam(readTeamBytes(p), id.identity, p);
  const [b, o, t] = await Promise.all([open(base), open(ours), open(theirs)]);
  // Their version must come from someone who could read the base or ours: it carries one of
  // their member secrets (or names it as replaced). A file made with age -r and the public
  // keys would otherwise bring its own values, and readers, into ours.
  const known = [b.secret, o.secret].flatMap((s) => (s ? [secretDigest(s)] : []));
  if (known.length && !followsSecret(t, known)) {
    log.error(
      `the other branch's team file was not written by a member (it lacks the member secret of this one); ${ours} is left as it was`,
    );
    log.error("see who committed it: git log -- .aim/team.age; keep yours with: git checkout --ours .aim/team.age");
    return 1;
  }
  const { doc, conflicts } = mergeTeams(b, o, t);
  if (conflicts.length) {
    log.error(`team file conflict: ${conflicts.join(", ")} changed on both branches; ${ours} is left as it was`);
    log.error(`resolve it: git checkout --ours .aim/team.age, then aim team set ${conflicts[0]} with the right value`);
    return 1;
  }
  // Encrypt to the merged members that this member approved, never to one a branch brought in.
  const team = await teamHere();
  const approved = approvedFor(team.folder)?.members;
  if (!approved) {
    log.error(`you have not approved the members of this team file on this machine; ${ours} is left as it was`);
    log.error("check .aim/recipients, run: aim team allow, then merge again");
    return 1;
  }
  const named = new Map(approved.map((m, i) => [m.key, { key: m.key, name: m.name, line: i + 1 }]));
  const readers = doc.recipients.flatMap((k) => named.get(k) ?? []);
  const dropped = doc.recipients.filter((k) => !named.has(k));
  if (readers.length === 0) {
    log.error(`none of the merged members is one you approved; ${ours} is left as it was`);
    return 1;
  }
  const merged = { ...doc, recipients: readers.map((r) => r.key), ...mergedSecret(o, t) };
  await writeAtomic(ours, await encryptTeam(merged, readers, team.recipientsFile), 0o644);
  log.info(`merged the team file: ${doc.values.size} names, ${readers.length} member${readers.length === 1 ? "" : "s"}`);
  if (dropped.length) {
    const names = new Map(listedNames(team).map((r) => [r.key, r.name]));
    const who = dropped.map((k) => `${names.get(k) ? `${memberLabel({ key: k, name: names.get(k) })} ` : ""}(${k.slice(0, 16)}…)`);
    log.warn(
      `not encrypted to ${who.join(", ")}: the other branch added ${dropped.length === 1 ? "it" : "them"}, and you have not approved ${dropped.length === 1 ? "it" : "them"}; check .aim/recipients, then: aim team allow, and aim team set NAME to re-encrypt`,
    );
  }
  return 0;
}

/** The names .aim/recipients gives, where it parses (git may not have merged it yet): only for messages. */
function listedNames(team: TeamFiles): Recipient[] {
  try {
    return team.recipients();
  } catch {
    return [];
  }
}
