import { existsSync } from "node:fs";
import { type CheckResult, check } from "../core/doctor.js";
import { AimError } from "../errors.js";
import { teamHere } from "../project/team.js";
import { passwordStoreDir } from "../store/pass/pass.js";
import { passChecks as storeChecks } from "../store/pass/check.js";
import { recipientDrift } from "../store/team/file.js";
import { readIdentity } from "../store/team/identity.js";
import type { DoctorCheck } from "./context.js";

const fail = (id: string, title: string, err: unknown): CheckResult => {
  if (!(err instanceof AimError)) throw err;
  return check(id, title, "fail", err.message, err.hint);
};

/** The project's team file, where it has one: your identity, the recipients, and can you read it. */
export const teamChecks: DoctorCheck = async (ctx) => {
  let team;
  try {
    team = await teamHere();
  } catch (err) {
    if (err instanceof AimError) return []; // a broken .aimrc: the project check reports it
    throw err;
  }
  if (!existsSync(team.file) && !existsSync(team.recipientsFile)) return [];
  const out: CheckResult[] = [];
  try {
    const id = await readIdentity(ctx.env);
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
    const doc = await team.open(ctx.env);
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
};

/** pass, where the user has a password store. */
export const passChecks: DoctorCheck = async (ctx) => {
  return existsSync(passwordStoreDir(ctx.env)) ? storeChecks(ctx.env) : [];
};
