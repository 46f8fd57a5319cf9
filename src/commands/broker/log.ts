import { type AuditEntry, auditFile, parseSince, readAudit } from "../../broker/audit.js";
import { safeText } from "../../core/names.js";
import { usageError } from "../../errors.js";
import { log } from "../../runtime/log.js";
import { shownPath } from "../../runtime/shown-path.js";
import type { Input } from "../../cli/spec.js";
import type { logOptions } from "../broker.spec.js";

const row = (e: AuditEntry): string =>
  [e.time, e.session, e.action, String(e.status), e.key, e.method, `${e.host}${e.path}`].map(safeText).join("  ");

export async function run({ values }: Input<typeof logOptions>): Promise<number> {
  let since: number | undefined;
  if (values.since !== undefined) {
    since = parseSince(values.since, Date.now());
    if (since === undefined) {
      throw usageError(
        `--since ${JSON.stringify(values.since)} is not a duration or a date`,
        "e.g. --since 30m, --since 2h, --since 1d, --since 2026-12-07",
      );
    }
  }
  const file = auditFile();
  const { entries, skipped } = readAudit({ since, file });
  if (skipped > 0) log.warn(`${shownPath(file)}: ${skipped} line(s) are not log entries and were left out`);
  if (values.json) {
    process.stdout.write(entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
  } else if (entries.length === 0) {
    log.info(`no brokered request${since === undefined ? "" : " in that time"} in ${shownPath(file)}`);
  } else {
    process.stdout.write(entries.map((e) => `${row(e)}\n`).join(""));
  }
  return 0;
}
