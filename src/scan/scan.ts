import { createReadStream, type Dirent, lstatSync, readdirSync, type Stats, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { usageError } from "../errors.js";
import { type Encoding, type Needle, needleId, needlesOf } from "./encodings.js";
import { type Blob, blobStream, catBlobs, historyBlobs, indexBlobs, workTree, workTreeFiles } from "./git.js";
import { Matcher } from "./matcher.js";
import { agentPlaces, type HistoryShell, historyFiles } from "./places.js";
import { ChunkScanner, type Hit, linesAt } from "./stream.js";
import type { ScanValue } from "./values.js";

/** Where a finding was made: it decides the next step aim suggests. */
export type Place = "tree" | "path" | "staged" | "history" | "agents" | "shell-history";

/** One stored value, in one encoding, on one line of one file or blob. Never the value. */
export interface Finding {
  /** As shown: relative to the working directory when below it, else absolute; a repository path for history. */
  path: string;
  line: number;
  key: string;
  profile: string;
  encoding: Encoding;
  commit?: string;
  place: Place;
  /** The file on disk (not for blobs), for --fix and the advice. */
  file?: string;
  shell?: HistoryShell;
  /** Byte offset of the match in the file, for --fix. */
  offset: number;
}

export interface ScanRequest {
  cwd: string;
  paths: string[];
  tree: boolean;
  staged: boolean;
  history: boolean;
  agents: boolean;
  shellHistory: boolean;
  /** --all: the index and history only where the working directory is in a repository. */
  gitIfAny?: boolean;
  env: NodeJS.ProcessEnv;
}

export interface ScanReport {
  findings: Finding[];
  /** Files that could not be read, as shown. */
  unreadable: string[];
  /** Large binaries left out, as shown. */
  skipped: string[];
  /** How many files and blobs were searched. */
  searched: number;
}

/** Values shorter than this are not searched for: too many chance matches. */
export const MIN_LENGTH = 8;

interface Owner {
  value: number;
  encoding: Encoding;
}

/** Everything one `aim scan` run looks through, with one matcher and one buffer. */
export class Scan {
  private readonly matcher: Matcher;
  private readonly owners: Owner[][] = [];
  private readonly scanner: ChunkScanner;
  private readonly seen = new Set<string>();
  readonly report: ScanReport = { findings: [], unreadable: [], skipped: [], searched: 0 };

  constructor(
    readonly values: readonly ScanValue[],
    readonly cwd: string,
  ) {
    const index = new Map<string, number>();
    const needles: Needle[] = [];
    values.forEach((v, value) => {
      for (const n of needlesOf(v.value)) {
        const id = needleId(n);
        let k = index.get(id);
        if (k === undefined) {
          k = needles.length;
          index.set(id, k);
          needles.push(n);
          this.owners.push([]);
        }
        const owners = this.owners[k] as Owner[];
        if (!owners.some((o) => o.value === value)) owners.push({ value, encoding: n.encoding });
      }
    });
    this.matcher = new Matcher(needles);
    this.scanner = new ChunkScanner(this.matcher);
  }

  private shown(abs: string): string {
    const rel = relative(this.cwd, abs);
    return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
  }

  private async record(
    hits: Hit[],
    bytes: () => AsyncIterable<Buffer>,
    where: Omit<Finding, "line" | "key" | "profile" | "encoding" | "offset">,
  ) {
    const lines = await linesAt(
      bytes(),
      hits.map((h) => h.offset),
    );
    const once = new Set<string>();
    for (const hit of hits.sort((a, b) => a.offset - b.offset)) {
      const line = lines.get(hit.offset) ?? 0;
      for (const o of this.owners[hit.needle] ?? []) {
        const v = this.values[o.value] as ScanValue;
        const id = `${line}\0${o.value}\0${o.encoding}`;
        if (once.has(id)) continue;
        once.add(id);
        this.report.findings.push({ ...where, line, key: v.key, profile: v.profile, encoding: o.encoding, offset: hit.offset });
      }
    }
  }

  /** The offsets of every needle in one buffer held whole (a shell history, for --fix). */
  offsets(buf: Buffer): number[] {
    const out: number[] = [];
    this.matcher.scan(buf, buf.length, 0, true, (_needle, start) => out.push(start));
    return out;
  }

  /** Searches one file on disk; `named` files are searched even when they are large binaries. */
  async file(abs: string, place: Place, opts: { named?: boolean; gone?: "quiet"; shell?: HistoryShell } = {}): Promise<void> {
    if (this.seen.has(abs)) return;
    this.seen.add(abs);
    const shown = this.shown(abs);
    let hits: Hit[];
    try {
      hits = this.scanner.file(abs, opts.named);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" && opts.gone === "quiet") return; // tracked, deleted in the work tree
      this.report.unreadable.push(shown);
      return;
    }
    this.report.searched++;
    if (this.scanner.skipped) this.report.skipped.push(shown);
    if (hits.length > 0) {
      await this.record(hits, () => createReadStream(abs), { path: shown, place, file: abs, ...(opts.shell ? { shell: opts.shell } : {}) });
    }
  }

  /** Every regular file below `dir`; symbolic links are not followed (they may lead anywhere). */
  async walk(dir: string, place: Place): Promise<void> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      this.report.unreadable.push(this.shown(dir));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await this.walk(p, place);
      else if (e.isFile()) await this.file(p, place);
    }
  }

  /** A file or folder named on the command line or found as an agent's place (followed if a link). */
  async place(abs: string, place: Place, named: boolean): Promise<void> {
    let st: Stats;
    try {
      st = statSync(abs);
    } catch {
      this.report.unreadable.push(this.shown(abs));
      return;
    }
    if (st.isFile()) return this.file(abs, place, { named });
    if (!st.isDirectory()) return;
    const top = workTree(abs);
    if (top === undefined || ignored(abs)) return this.walk(abs, place);
    for (const rel of workTreeFiles(abs)) {
      const p = join(top, rel);
      let s: Stats;
      try {
        s = lstatSync(p);
      } catch {
        continue; // tracked, deleted in the work tree
      }
      if (s.isFile()) await this.file(p, place, { gone: "quiet" });
      else if (s.isDirectory()) await this.walk(p, place); // an untracked repository inside this one
    }
  }

  /** Blobs through one `git cat-file --batch`; line numbers come from a second read of the few that hold a value. */
  async blobs(top: string, blobs: readonly Blob[], place: Place): Promise<void> {
    const held: Array<[Blob, Hit[]]> = [];
    await catBlobs(top, blobs, {
      start: (_blob, size) => this.scanner.reset(size),
      data: (bytes) => this.scanner.write(bytes),
      end: (blob) => {
        const hits = this.scanner.end();
        this.report.searched++;
        const shown = place === "history" ? blob.path : this.shown(join(top, blob.path));
        if (this.scanner.skipped) this.report.skipped.push(place === "history" ? `${blob.commit}:${shown}` : shown);
        if (hits.length > 0) held.push([{ ...blob, path: shown }, hits]);
      },
    });
    for (const [blob, hits] of held) {
      await this.record(hits, () => blobStream(top, blob.id), { path: blob.path, place, ...(blob.commit ? { commit: blob.commit } : {}) });
    }
  }

  async run(req: ScanRequest): Promise<ScanReport> {
    if (req.tree) {
      // Without a PATH, the whole work tree, also from a sub-folder: a ../.env leaks the same.
      for (const p of req.paths.length > 0 ? req.paths : [workTree(req.cwd) ?? req.cwd])
        await this.place(resolve(req.cwd, p), req.paths.length > 0 ? "path" : "tree", true);
    }
    if (req.staged || req.history) {
      const top = workTree(req.cwd);
      if (top === undefined && !req.gitIfAny) {
        throw usageError(
          `${req.staged ? "--staged" : "--history"} looks in a git repository, and ${req.cwd} is not in one`,
          "run it inside the repository",
        );
      }
      if (top !== undefined && req.staged) await this.blobs(top, indexBlobs(top), "staged");
      if (top !== undefined && req.history) await this.blobs(top, await historyBlobs(top), "history");
    }
    if (req.agents) for (const p of agentPlaces(req.cwd, req.env)) await this.place(p, "agents", false);
    if (req.shellHistory) for (const h of historyFiles(req.env)) await this.file(h.path, "shell-history", { shell: h.shell, named: true });
    return this.report;
  }
}

/** Whether git ignores `abs`: a folder the user names although it is ignored is searched whole. */
function ignored(abs: string): boolean {
  return spawnSync("git", ["check-ignore", "-q", abs], { cwd: abs }).status === 0;
}
