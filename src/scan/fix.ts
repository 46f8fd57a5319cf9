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

/**
 * The entries of a history file in its shell's format: bash one line each, or with
 * HISTTIMEFORMAT a `#SECONDS` line and the lines up to the next one; zsh a line and the lines
 * its trailing backslashes continue (extended `: START:ELAPSED;` lines alike); fish a
 * `- cmd:` line with its `when:` and `paths:` lines; PSReadLine a line and those its trailing
 * backquotes continue.
 */
export function historyEntries(shell: HistoryShell, buf: Buffer): Range[] {
  switch (shell) {
    case "bash": {
      const stamped = lines(buf).some((r) => /^#\d+$/.test(text(buf, r)));
      return stamped ? headed(buf, (l) => /^#\d+$/.test(l)) : lines(buf);
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
