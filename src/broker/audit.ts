import { appendFileSync, chmodSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../runtime/paths.js";

/** One brokered request, as `$AIM_DATA_DIR/broker.log` holds it: never a value, a query or a body. */
export interface AuditEntry {
  /** ISO time the request was answered. */
  time: string;
  session: string;
  key: string;
  host: string;
  method: string;
  /** The request's path without its query string. */
  path: string;
  status: number;
  action: "injected" | "refused";
}

/** The log is rotated past this size: broker.log becomes broker.log.1 (one old file kept). */
export const ROTATE_BYTES = 4 * 1024 * 1024;

export const auditFile = (env: NodeJS.ProcessEnv = process.env): string => join(dataDir(env), "broker.log");

let checked: string | undefined;

/** Appends `entry` as one JSON line; the file is created 0600 and rotated by size. A write failure loses the line, never the request. */
export function appendAudit(entry: AuditEntry, file = auditFile()): boolean {
  try {
    if (checked !== file) {
      mkdirSync(join(file, ".."), { recursive: true, mode: 0o700 });
      checked = file;
    }
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size > ROTATE_BYTES) renameSync(file, `${file}.1`);
    const fd = openSync(file, "a", 0o600);
    try {
      // A file made by someone else's umask or an older aim: 0600 all the same.
      if ((fstatSync(fd).mode & 0o777) !== 0o600) chmodSync(file, 0o600);
      appendFileSync(fd, `${JSON.stringify(entry)}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

const isEntry = (v: unknown): v is AuditEntry => {
  const e = v as Record<string, unknown> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    ["time", "session", "key", "host", "method", "path"].every((k) => typeof e[k] === "string") &&
    typeof e.status === "number" &&
    (e.action === "injected" || e.action === "refused") &&
    !Number.isNaN(Date.parse(e.time as string))
  );
};

/** The entries of the log (the rotated file first), oldest first, from `since` on; lines that are not entries are counted, not shown. */
export function readAudit(opts: { since?: number; file?: string } = {}): { entries: AuditEntry[]; skipped: number } {
  const file = opts.file ?? auditFile();
  const entries: AuditEntry[] = [];
  let skipped = 0;
  for (const f of [`${file}.1`, file]) {
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) {
      if (!line) continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        skipped++;
        continue;
      }
      if (!isEntry(v)) skipped++;
      else if (opts.since === undefined || Date.parse(v.time) >= opts.since) entries.push(v);
    }
  }
  return { entries, skipped };
}

/** `--since`: a duration back from `now` (30s, 30m, 2h, 1d, 1w) or an ISO date; undefined when it is neither. */
export function parseSince(text: string, now: number): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$/.exec(text);
  if (m) return now - Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] as "s" | "m" | "h" | "d" | "w"] * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? undefined : t;
}
