import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { memberLabel, type Recipient } from "./recipients.js";
import { AimError } from "../../errors.js";
import { validate_teamApproved } from "../../generated/data-validators.js";
import { type DataFile, readJson, updateJson } from "../../runtime/jsonfile.js";
import { dataDir } from "../../runtime/paths.js";
import { shownPath } from "../../runtime/shown-path.js";

// What this member has approved for each team file, by the real path of its .aim folder:
// the members it may be encrypted to (public keys and names: nothing secret), and a digest
// of the member secret of the last version read (a digest of 32 random bytes tells nothing
// of them). `.aim/recipients` comes from the repository, which anyone with push access can
// change: aim encrypts only to members this record lists.

type Member = Pick<Recipient, "key" | "name">;
interface Approved {
  /** Absent until the member approves members (a team file read, never encrypted, records the secret only). */
  members?: { key: string; name?: string }[];
  secret?: string;
  at: string;
}
interface Doc {
  version: 1;
  teams: Record<string, Approved>;
}

const FILE: DataFile = {
  validate: validate_teamApproved,
  rebuiltBy: "aim team allow (in each project with a team file)",
  loses: "each team file then needs aim team allow once more",
};
const empty = (): Doc => ({ version: 1, teams: {} });
const path = (env: NodeJS.ProcessEnv) => join(dataDir(env), "team-approved.json");

/** The record's key for a team folder: its real path, so a symlinked or moved copy is another team. */
export function teamKey(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder; // not made yet (team init): the path it will have
  }
}

/** The digest kept of a member secret. */
export const secretDigest = (secret: string): string => createHash("sha256").update(`aim-team-secret\n${secret}`).digest("hex");

export function approvedFor(folder: string, env: NodeJS.ProcessEnv = process.env): Approved | undefined {
  return readJson(path(env), empty(), FILE).teams[teamKey(folder)];
}

/** Records `members` (and, when given, the digest of the member secret) as approved for `folder`. */
export async function approve(
  folder: string,
  change: { members?: readonly Member[]; secret?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const key = teamKey(folder);
  await updateJson(
    path(env),
    empty(),
    (doc) => {
      const was = doc.teams[key];
      const members = change.members?.map((m) => (m.name ? { key: m.key, name: m.name } : { key: m.key })) ?? was?.members;
      const secret = change.secret ?? was?.secret;
      doc.teams[key] = { ...(members ? { members } : {}), ...(secret ? { secret } : {}), at: new Date().toISOString() };
    },
    FILE,
    true,
  );
}

export interface MemberChange {
  added: Member[];
  removed: Member[];
  /** No record at all: the member never approved this team file here. */
  first: boolean;
}

/** How `listed` differs from what the member approved. */
export function memberChange(folder: string, listed: readonly Member[], env: NodeJS.ProcessEnv = process.env): MemberChange {
  const rec = approvedFor(folder, env);
  const had = new Map((rec?.members ?? []).map((m) => [m.key, m]));
  const now = new Set(listed.map((m) => m.key));
  return {
    added: listed.filter((m) => !had.has(m.key)),
    removed: [...had.values()].filter((m) => !now.has(m.key)).map((m) => ({ key: m.key, name: m.name })),
    first: rec?.members === undefined,
  };
}

const who = (list: readonly Member[]) => list.map((m) => `${m.name ? `${memberLabel(m)} ` : ""}(${m.key.slice(0, 16)}…)`).join(", ");

/** The change said in words, names escaped: "added bob (age1…); removed carol (age1…)". */
export const describeChange = (c: MemberChange): string =>
  [c.added.length ? `added ${who(c.added)}` : "", c.removed.length ? `removed ${who(c.removed)}` : ""].filter(Boolean).join("; ");

/**
 * Throws unless the recipients listed are exactly the members this member approved: a key
 * that a commit added (or removed) without this member's aim team add/remove stops every
 * command that encrypts, until aim team allow.
 */
export function assertApproved(
  folder: string,
  recipientsFile: string,
  listed: readonly Member[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  const c = memberChange(folder, listed, env);
  if (!c.first && c.added.length === 0 && c.removed.length === 0) return;
  const shown = shownPath(recipientsFile);
  const message = c.first
    ? `you have not approved the members in ${shown} on this machine yet: ${who(listed)}`
    : `${shown} changed since you approved its members (${describeChange(c)}), and not by your aim team add or remove`;
  throw new AimError("TEAM_UNAPPROVED", message, {
    hint: `nothing was encrypted; check who changed it (git log -p -- ${shown}), then approve the members with: aim team allow`,
  });
}
