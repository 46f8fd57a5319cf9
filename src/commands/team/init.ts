import { existsSync } from "node:fs";
import { AimError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { shownPath } from "../../runtime/shown-path.js";
import { ensureIdentity, publicKey } from "../../store/team/identity.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";
import type { initOptions } from "../team.spec.js";

export async function run(parsed: Input<typeof initOptions>): Promise<number> {
  const team = await teamHere();
  for (const f of [team.file, team.recipientsFile]) {
    if (existsSync(f))
      throw new AimError("TEAM", `${shownPath(f)} already exists`, {
        hint: "add members with aim team add; to start over, delete .aim/ first",
      });
  }
  const { identity, created } = await ensureIdentity();
  if (created) log.info(`made your team identity and stored it in the ${created}`);
  const me = { key: await publicKey(identity), name: parsed.values.name ?? process.env.USER ?? undefined };
  await team.writeRecipients([me]);
  await team.seal(new Map());
  log.info(`started ${shownPath(team.file)} for ${me.name ?? me.key}; commit .aim/ and add members with: aim team add KEY --name NAME`);
  return 0;
}
