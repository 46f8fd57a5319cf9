import { memberLabel } from "../../store/team/recipients.js";
import { AimError } from "../../errors.js";
import { withLock } from "../../runtime/jsonfile.js";
import { log } from "../../runtime/log.js";
import { shownPath } from "../../runtime/shown-path.js";
import { approve, approvedFor, describeChange, memberChange, secretDigest } from "../../store/team/approved.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";

/**
 * `aim team allow`: approve the members `.aim/recipients` lists now, and the team file's
 * member secret, after a change that did not come from this member's add or remove. It
 * says exactly what it approves (names escaped), as aim allow does for an .aimrc.
 */
export async function run(_input: Input): Promise<number> {
  const team = await teamHere();
  await withLock(team.file, async () => {
    const listed = team.recipients();
    const change = memberChange(team.folder, listed);
    let secret: string | undefined;
    let unread = "";
    try {
      const doc = await team.open(process.env, true);
      secret = doc.secret && secretDigest(doc.secret);
    } catch (err) {
      // Not a member yet (or no team file): the members can still be approved.
      if (!(err instanceof AimError) || !["TEAM", "TEAM_NOT_RECIPIENT"].includes(err.code)) throw err;
      unread = ` (${shownPath(team.file)} does not open for you: ${err.message})`;
    }
    const secretChanged = secret !== undefined && secret !== approvedFor(team.folder)?.secret;
    await approve(team.folder, { members: listed, ...(secret ? { secret } : {}) });
    const what = change.first ? `the members in ${shownPath(team.recipientsFile)}` : `the change to ${shownPath(team.recipientsFile)}`;
    const detail = change.first
      ? listed.map((m) => `${memberLabel(m)} (${m.key.slice(0, 16)}…)`).join(", ")
      : describeChange(change) || "none";
    log.info(`approved ${what}: ${detail}${unread}`);
    if (secretChanged && !change.first) log.info(`accepted ${shownPath(team.file)} as it is now (its member secret changed)`);
  });
  return 0;
}
