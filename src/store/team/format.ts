// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import { AimError } from "../../errors.js";

/**
 * The plaintext inside `.aim/team.age` (what `age -d -i IDENTITY .aim/team.age` prints):
 *   {"aim-team":1,"recipients":["age1…",…],"values":{"NAME":"value",…}}
 * `recipients` is who the file was last encrypted to, so a recipients file edited without
 * re-encrypting is noticed. Values never leave this object except to a command's env.
 */
export interface TeamDoc {
  recipients: string[];
  values: Map<string, string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const isTeamName = (s: string): boolean => NAME.test(s);

export function serializeTeam(doc: TeamDoc): string {
  const values = Object.fromEntries([...doc.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ "aim-team": 1, recipients: [...doc.recipients].sort(), values }, null, 2)}\n`;
}

export function parseTeam(text: string, file: string): TeamDoc {
  const damaged = (why: string) =>
    new AimError("TEAM", `${file} decrypted, but its content is not an aim team file (${why})`, {
      hint: "restore it from git (git checkout -- .aim/team.age) or re-create it with aim team init",
    });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw damaged("not JSON");
  }
  const o = doc as { "aim-team"?: unknown; recipients?: unknown; values?: unknown };
  if (typeof doc !== "object" || doc === null || o["aim-team"] !== 1) throw damaged('no "aim-team": 1');
  if (!Array.isArray(o.recipients) || !o.recipients.every((r) => typeof r === "string")) throw damaged("recipients is not a list of keys");
  if (typeof o.values !== "object" || o.values === null || Array.isArray(o.values)) throw damaged("values is not an object");
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(o.values)) {
    // The name may be printed: say it escaped, never the value.
    if (!isTeamName(k)) throw damaged(`the name ${JSON.stringify(k)} is not a variable name`);
    if (typeof v !== "string") throw damaged(`the value of ${k} is not a string`);
    values.set(k, v);
  }
  return { recipients: o.recipients as string[], values };
}

/** Three-way merge of one kind of entry: each side's change wins over the base; both changing differently is a conflict. */
function merge3<V>(
  base: Map<string, V>,
  ours: Map<string, V>,
  theirs: Map<string, V>,
  same: (a: V | undefined, b: V | undefined) => boolean,
) {
  const out = new Map<string, V>();
  const conflicts: string[] = [];
  for (const name of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
    const [b, o, t] = [base.get(name), ours.get(name), theirs.get(name)];
    const pick = same(o, t) || same(t, b) ? o : same(o, b) ? t : undefined;
    if (!same(o, t) && !same(t, b) && !same(o, b)) conflicts.push(name);
    else if (pick !== undefined) out.set(name, pick);
  }
  return { out, conflicts: conflicts.sort() };
}

/** `aim team merge`: per-name union of two branches' team files against their common base. */
export function mergeTeams(base: TeamDoc, ours: TeamDoc, theirs: TeamDoc): { doc: TeamDoc; conflicts: string[] } {
  const eq = (a: unknown, b: unknown) => a === b;
  const values = merge3(base.values, ours.values, theirs.values, eq);
  const set = (d: TeamDoc) => new Map(d.recipients.map((r) => [r, true as const]));
  const recipients = merge3(set(base), set(ours), set(theirs), eq);
  return { doc: { recipients: [...recipients.out.keys()], values: values.out }, conflicts: values.conflicts };
}
