import { renderTable } from "../../core/table.js";
import { log } from "../../runtime/log.js";
import { shownPath } from "../../runtime/shown-path.js";
import { recipientDrift } from "../../store/team/file.js";
import { teamHere } from "../../project/team.js";
import type { Input } from "../../cli/spec.js";
import type { listOptions } from "../team.spec.js";

export async function run(parsed: Input<typeof listOptions>): Promise<number> {
  const team = await teamHere();
  const members = team.recipients();
  const doc = await team.open();
  const names = [...doc.values.keys()].sort();
  const drift = recipientDrift(doc, members);
  if (parsed.values.json) {
    const json = { file: team.file, names, members: members.map((m) => ({ key: m.key, name: m.name ?? null })), ...drift };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    if (names.length)
      process.stdout.write(
        renderTable(
          ["NAME"],
          names.map((n) => [n]),
        ),
      );
    else log.info(`${shownPath(team.file)} holds no names yet; add one with: aim team set NAME`);
    log.info(`members: ${members.map((m) => m.name ?? `${m.key.slice(0, 16)}…`).join(", ")}`);
  }
  if (drift.unlisted.length || drift.unsealed.length) {
    const parts = [
      drift.unsealed.length ? `listed in .aim/recipients but not able to read it: ${drift.unsealed.join(", ")}` : "",
      drift.unlisted.length ? `${drift.unlisted.length} key(s) that can read it are not in .aim/recipients` : "",
    ].filter(Boolean);
    log.warn(`${shownPath(team.file)} and .aim/recipients differ (${parts.join("; ")})`);
    log.warn("to encrypt to exactly the listed members, run: aim team add/remove, or re-seal with: aim team set NAME");
    return 1;
  }
  return 0;
}
