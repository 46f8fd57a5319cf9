import { readFileSync, statSync } from "node:fs";
import { writeAtomic } from "../runtime/jsonfile.js";
import type { HistoryShell } from "./places.js";

/** [start, end) of one history entry, its newline included. */
type Range = [number, number];

function lines(buf: Buffer): Range[] {
  const out: Range[] = [];
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    const end = nl === -1 ? buf.length : nl + 1;
    out.push([at, end]);
    at = end;
  }
  return out;
}

const text = (buf: Buffer, [s, e]: Range) => buf.toString("latin1", s, e).replace(/\r?\n$/, "");

/** Lines grouped while `joins(line)` says the next line belongs to the same entry. */
function continued(buf: Buffer, joins: (line: string) => boolean): Range[] {
  const out: Range[] = [];
  let open = false;
  for (const r of lines(buf)) {
    const last = out[out.length - 1];
    if (open && last) last[1] = r[1];
    else out.push([r[0], r[1]]);
    open = joins(text(buf, r));
  }
  return out;
}

/** Lines grouped from each line that `starts(line)` recognizes up to the next one. */
function headed(buf: Buffer, starts: (line: string) => boolean): Range[] {
  const out: Range[] = [];
  for (const r of lines(buf)) {
    const last = out[out.length - 1];
    if (last && !starts(text(buf, r))) last[1] = r[1];
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Each line an entry, a line that `stamp` recognizes joined to the line after it. */
function stamped(buf: Buffer, stamp: (line: string) => boolean): Range[] {
  const out: Range[] = [];
  let from: number | undefined;
  for (const r of lines(buf)) {
    if (stamp(text(buf, r))) from ??= r[0];
    else {
      out.push([from ?? r[0], r[1]]);
      from = undefined;
    }
  }
  if (from !== undefined) out.push([from, buf.length]);
  return out;
}

const bashStamp = (l: string) => /^#\d+$/.test(l);

/**
 * The entries of a history file in its shell's format: bash one line each (a `#SECONDS` line
 * with the line after it), or, when the file starts with a `#SECONDS` line (HISTTIMEFORMAT),
 * each stamp and the lines up to the next one, as bash reads it; zsh a line and the lines
 * its trailing backslashes continue (extended `: START:ELAPSED;` lines alike); fish a
 * `- cmd:` line with its `when:` and `paths:` lines; PSReadLine a line and those its trailing
 * backquotes continue.
 */
export function historyEntries(shell: HistoryShell, buf: Buffer): Range[] {
  switch (shell) {
    case "bash": {
      // readline joins lines into one entry only when the file starts with a timestamp: a
      // history kept before HISTTIMEFORMAT was set has stamps only further down.
      const nl = buf.indexOf(10);
      return bashStamp(text(buf, [0, nl === -1 ? buf.length : nl])) ? headed(buf, bashStamp) : stamped(buf, bashStamp);
    }
    case "zsh":
      return continued(buf, (l) => /(^|[^\\])(\\\\)*\\$/.test(l));
    case "fish":
      return headed(buf, (l) => l.startsWith("- cmd:"));
    case "pwsh":
      return continued(buf, (l) => l.endsWith("`"));
  }
}

/**
 * Removes every entry that holds a match (`offsets` in `buf`, from the matcher) and writes
 * the rest back atomically with the file's mode. Returns how many entries went.
 */
export async function removeEntries(path: string, shell: HistoryShell, find: (buf: Buffer) => number[]): Promise<number> {
  const buf = readFileSync(path);
  const offsets = find(buf);
  if (offsets.length === 0) return 0;
  const entries = historyEntries(shell, buf);
  const drop = entries.filter(([s, e]) => offsets.some((o) => o >= s && o < e));
  if (drop.length === 0) return 0;
  const kept = Buffer.concat(entries.filter((r) => !drop.includes(r)).map(([s, e]) => buf.subarray(s, e)));
  await writeAtomic(path, kept, statSync(path).mode & 0o7777);
  return drop.length;
}
