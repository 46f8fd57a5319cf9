// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import { AimError } from "../../errors.js";

/** One member of a team file: an age X25519 public key and the name its comment gives. */
export interface Recipient {
  key: string;
  name: string | undefined;
  line: number;
}

// bech32 with the "age" prefix and 32 bytes of data: what `age-keygen` prints. Other
// recipient kinds (age1pq1…, age1tag1…, ssh-…) are not X25519: age -d -i with an
// AGE-SECRET-KEY-1 identity could not open a file made for them.
const X25519 = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;

export const isX25519Recipient = (s: string): boolean => X25519.test(s);

const bad = (file: string, line: number, why: string, hint: string): AimError =>
  new AimError("TEAM", `${file} line ${line}: ${why}`, { hint });

/**
 * `.aim/recipients`: one age X25519 public key a line; a `# name` comment line names the
 * key below it (a `# name` after the key on the same line does too). Blank lines are fine.
 */
export function parseRecipients(text: string, file: string): Recipient[] {
  const out: Recipient[] = [];
  let pending: string | undefined;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) {
      pending = line === "" ? undefined : line.slice(1).trim() || undefined;
      continue;
    }
    const [key = "", ...rest] = line.split(/\s+#\s*/);
    const inline = rest.join(" #").trim() || undefined;
    if (!isX25519Recipient(key)) {
      const kind =
        key.startsWith("age1pq1") || key.startsWith("age1tag")
          ? "is not an X25519 key (age1pq1/age1tag)"
          : key.startsWith("ssh-")
            ? "is an SSH key, not an age X25519 key"
            : "is not an age public key (age1…)";
      throw bad(file, i + 1, `"${key.slice(0, 20)}${key.length > 20 ? "…" : ""}" ${kind}`, "each line holds one key from: aim team whoami");
    }
    const twin = out.find((r) => r.key === key);
    if (twin) throw bad(file, i + 1, `the key of line ${twin.line} again`, "delete one of the two lines");
    out.push({ key, name: inline ?? pending, line: i + 1 });
    pending = undefined;
  }
  return out;
}

/** The file's text for these recipients: each named one under its `# name` comment. */
export const renderRecipients = (list: readonly Pick<Recipient, "key" | "name">[]): string =>
  `# The members who can read team.age: one age public key a line (aim team add / remove).\n${list
    .map((r) => (r.name ? `# ${r.name}\n${r.key}` : r.key))
    .join("\n")}\n`;

/** The member that `KEY|NAME` names, or an error listing who there is. */
export function findRecipient(list: readonly Recipient[], which: string, file: string): Recipient {
  const hit = list.filter((r) => r.key === which || r.name === which);
  if (hit.length === 1) return hit[0] as Recipient;
  const names = list.map((r) => r.name ?? `${r.key.slice(0, 12)}…`).join(", ");
  if (hit.length === 0) throw new AimError("TEAM", `no member "${which}" in ${file}`, { hint: `members: ${names || "none"}` });
  throw new AimError("TEAM", `"${which}" names ${hit.length} members in ${file}`, { hint: "name the member by public key instead" });
}
