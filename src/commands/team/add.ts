import { isX25519Recipient } from "../../store/team/recipients.js";
import { usageError } from "../../errors.js";
import { withLock } from "../../runtime/jsonfile.js";
import { log } from "../../runtime/log.js";
import { checkRecipientKey } from "../../store/team/file.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";
import type { addOptions } from "../team.spec.js";

export async function run(parsed: Input<typeof addOptions>): Promise<number> {
  const [key, ...extra] = parsed.positionals;
  if (key === undefined || extra.length) throw usageError("expected one KEY", "usage: aim team add age1… --name NAME");
  if (!isX25519Recipient(key))
    throw usageError(`"${key.slice(0, 20)}" is not an age X25519 public key (age1…)`, "ask the member for the output of: aim team whoami");
  if (!(await checkRecipientKey(key)))
    throw usageError(`"${key.slice(0, 20)}…" is not a valid age public key (bad checksum)`, "copy it again from: aim team whoami");
  const team = await teamHere();
  await withLock(team.file, async () => {
    const list = team.recipients();
    if (list.some((r) => r.key === key)) return void log.info(`${parsed.values.name ?? key} is a member already; nothing changed`);
    // Decrypt first: only a member can re-encrypt, and nothing is written if that fails.
    const doc = await team.open();
    const next = [...list, { key, name: parsed.values.name, line: list.length + 1 }];
    await team.seal(doc.values, next);
    await team.writeRecipients(next);
    log.info(`added ${parsed.values.name ?? key}; commit .aim/ so they can read the team file`);
  });
  return 0;
}
