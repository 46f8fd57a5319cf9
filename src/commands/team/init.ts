import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { safeText } from "../../core/names.js";
import { assertMemberName, memberLabel } from "../../store/team/recipients.js";
import { AimError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { shownPath } from "../../runtime/shown-path.js";
import { ensureIdentity, publicKey } from "../../store/team/identity.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";
import type { initOptions } from "../team.spec.js";

/** The name beside your key: --name, else your account's ($USER, $LOGNAME, then the system's). */
function myName(given: string | undefined): string | undefined {
  if (given !== undefined) return assertMemberName(given);
  let account: string | undefined;
  try {
    account = userInfo().username;
  } catch {
    account = undefined; // no passwd entry (a container's uid): the key alone names you
  }
  // An account name that could not be printed as it is names no one: the key does.
  return [process.env.USER, process.env.LOGNAME, account].find((n) => n?.trim() && safeText(n) === n);
}

export async function run(parsed: Input<typeof initOptions>): Promise<number> {
  const name = myName(parsed.values.name);
  const team = await teamHere();
  for (const f of [team.file, team.recipientsFile]) {
    if (existsSync(f))
      throw new AimError("TEAM", `${shownPath(f)} already exists`, {
        hint: "add members with aim team add; to start over, delete .aim/ first",
      });
  }
  const { identity, created } = await ensureIdentity();
  if (created) log.info(`made your team identity and stored it in the ${created}`);
  const me = { key: await publicKey(identity), name };
  await team.writeRecipients([me]);
  await team.seal({ values: new Map() }, [{ ...me, line: 3 }]);
  log.info(`started ${shownPath(team.file)} for ${memberLabel(me)}; commit .aim/ and add members with: aim team add KEY --name NAME`);
  return 0;
}
