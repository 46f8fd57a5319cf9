import { existsSync } from "node:fs";
import { type CheckResult, check } from "../../core/doctor.js";
import { AimError } from "../../errors.js";
import type { KnownGlobal } from "../backend-config.js";
import { recipientDrift, type TeamFiles } from "./file.js";
import { readIdentity } from "./identity.js";

const fail = (id: string, title: string, err: unknown): CheckResult => {
  if (!(err instanceof AimError)) throw err;
  return check(id, title, "fail", err.message, err.hint);
};

/** aim doctor on the project's team file, where it has one: your identity, the recipients, and can you read it. */
export async function teamChecks(team: TeamFiles, env: NodeJS.ProcessEnv, known?: KnownGlobal | null): Promise<CheckResult[]> {
  if (!existsSync(team.file) && !existsSync(team.recipientsFile)) return [];
  const out: CheckResult[] = [];
  try {
    const id = await readIdentity(env, known);
    if (!id)
      return [check("team-identity", "team identity", "fail", "none on this machine", "run: aim team whoami, and ask a member to add you")];
    out.push(check("team-identity", "team identity", "ok", `from ${id.from}`));
  } catch (err) {
    return [fail("team-identity", "team identity", err)];
  }
  let members;
  try {
    members = team.recipients();
    out.push(check("team-recipients", "team recipients", "ok", `${members.length} in ${team.recipientsFile}`));
  } catch (err) {
    return [...out, fail("team-recipients", "team recipients", err)];
  }
  try {
    const doc = await team.open(env, false, known);
    const drift = recipientDrift(doc, members);
    out.push(
      drift.unlisted.length || drift.unsealed.length
        ? check("team-file", "team file", "warn", `${team.file} is not encrypted to exactly .aim/recipients`, "see: aim team list")
        : check("team-file", "team file", "ok", `${team.file} opens for you (${doc.values.size} names)`),
    );
  } catch (err) {
    out.push(fail("team-file", "team file", err));
  }
  return out;
}
