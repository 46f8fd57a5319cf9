import { spawn, spawnSync } from "node:child_process";
import type { Readable } from "node:stream";

/** One blob to search: its id, the path to show and, in history, the first commit that added it. */
export interface Blob {
  id: string;
  path: string;
  commit?: string;
}

const git = (cwd: string, args: string[]) => spawnSync("git", args, { cwd, maxBuffer: 1 << 30 });

/** The top of the work tree holding `dir`, or undefined when `dir` is not inside one. */
export function workTree(dir: string): string | undefined {
  const r = git(dir, ["rev-parse", "--show-toplevel"]);
  return r.status === 0 ? r.stdout.toString("utf8").replace(/\n$/, "") : undefined;
}

const nulList = (out: Buffer): string[] => out.toString("utf8").split("\0").filter(Boolean);

/** Tracked files plus untracked files that are not ignored, below `dir`, as paths relative to the top of its work tree. */
export function workTreeFiles(dir: string): string[] {
  const r = git(dir, [
    "-c",
    "core.quotePath=false",
    "ls-files",
    "-z",
    "--full-name",
    "--cached",
    "--others",
    "--exclude-standard",
    "--",
    ".",
  ]);
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr.toString("utf8").trim()}`);
  return [...new Set(nulList(r.stdout))];
}

/** Every blob of the index (stage 0 and conflict stages), submodules left out. */
export function indexBlobs(top: string): Blob[] {
  const r = git(top, ["ls-files", "-z", "--stage"]);
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr.toString("utf8").trim()}`);
  const out: Blob[] = [];
  for (const entry of nulList(r.stdout)) {
    const m = /^(\d+) ([0-9a-f]+) \d\t(.*)$/s.exec(entry);
    if (m && m[1] !== "160000") out.push({ id: m[2] as string, path: m[3] as string });
  }
  return out;
}

/**
 * Every blob in the history of every ref, each once, with the first commit (oldest first,
 * parents before children) whose change added it and the path it had there. A blob every
 * tree shares is added by some commit's diff against its first parent (or by a root commit),
 * so walking the diffs finds them all; merges are diffed against their first parent, which
 * also catches a value that appeared only while resolving a merge.
 */
export async function historyBlobs(top: string): Promise<Blob[]> {
  const args = [
    "log",
    "--all",
    "--reverse",
    "--topo-order",
    "--root",
    "--raw",
    "--no-abbrev",
    "--no-renames",
    "--diff-merges=first-parent",
    "-z",
    "--format=%x01%H",
  ];
  const child = spawn("git", args, { cwd: top, stdio: ["ignore", "pipe", "pipe"] });
  const seen = new Set<string>();
  const out: Blob[] = [];
  let commit = "";
  let rest = "";
  // After a raw line comes its path; `want` says whether that blob is to be kept.
  let want: string | null | undefined;
  const take = (field: string) => {
    if (want !== undefined) {
      if (want !== null && !seen.has(want)) {
        seen.add(want);
        out.push({ id: want, path: field, commit });
      }
      want = undefined;
    } else if (field.startsWith("\x01")) {
      commit = field.slice(1, 41);
    } else {
      // :old-mode new-mode old-id new-id STATUS; a deletion or a submodule adds no blob.
      const m = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) ([A-Z])\d*$/.exec(field.trim());
      if (m) want = m[3] === "D" || m[1] === "160000" || /^0+$/.test(m[2] as string) ? null : (m[2] as string);
    }
  };
  child.stdout.setEncoding("utf8");
  for await (const data of child.stdout as AsyncIterable<string>) {
    const fields = (rest + data).split("\0");
    rest = fields.pop() ?? "";
    for (const f of fields) take(f);
  }
  if (rest) take(rest);
  const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error("git log failed");
  return out;
}

/**
 * Streams blobs through one `git cat-file --batch`: `each` gets a blob's header (size), then
 * its bytes in pieces, then its end. Memory stays one pipe buffer whatever the blob sizes.
 */
export async function catBlobs(
  top: string,
  blobs: readonly Blob[],
  sink: { start(blob: Blob, size: number): void; data(bytes: Buffer): void; end(blob: Blob): void },
): Promise<void> {
  if (blobs.length === 0) return;
  const child = spawn("git", ["cat-file", "--batch"], { cwd: top, stdio: ["pipe", "pipe", "pipe"] });
  const input = blobs.map((b) => `${b.id}\n`).join("");
  child.stdin.on("error", () => {});
  child.stdin.end(input);
  let i = 0;
  let left = -1; // bytes of the current blob still to come; -1: reading a header
  let header: Buffer = Buffer.alloc(0);
  for await (const chunk of child.stdout as Readable & AsyncIterable<Buffer>) {
    let at = 0;
    while (at < chunk.length) {
      if (left === -1) {
        const nl = chunk.indexOf(10, at);
        if (nl === -1) {
          header = Buffer.concat([header, chunk.subarray(at)]);
          break;
        }
        const line = Buffer.concat([header, chunk.subarray(at, nl)]).toString("utf8");
        header = Buffer.alloc(0);
        at = nl + 1;
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(line);
        const blob = blobs[i] as Blob;
        if (!m) {
          i++; // "<id> missing": nothing follows
          continue;
        }
        left = Number(m[2]) + 1; // the bytes and one newline
        sink.start(blob, Number(m[2]));
      } else {
        const n = Math.min(left, chunk.length - at);
        const body = left - n === 0 ? chunk.subarray(at, at + n - 1) : chunk.subarray(at, at + n);
        if (body.length > 0) sink.data(body);
        left -= n;
        at += n;
        if (left === 0) {
          sink.end(blobs[i++] as Blob);
          left = -1;
        }
      }
    }
  }
  await new Promise((resolve) => child.on("close", resolve));
}

/** The bytes of one blob, as a stream (for counting lines of a blob that holds a finding). */
export function blobStream(top: string, id: string): AsyncIterable<Buffer> {
  return spawn("git", ["cat-file", "blob", id], { cwd: top, stdio: ["ignore", "pipe", "ignore"] }).stdout as Readable &
    AsyncIterable<Buffer>;
}
