import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { Matcher } from "./matcher.js";

/** Bytes read and searched at a time: memory stays at this much whatever a file's size. */
export const CHUNK = 1 << 20;
/** Files and blobs larger than this that look binary (a NUL in their first 8000 bytes, as git decides) are skipped unless named. */
export const LARGE_BINARY = 10 * 1024 * 1024;

/** A needle found at an absolute byte offset of one file or blob. */
export interface Hit {
  needle: number;
  offset: number;
}

const looksBinary = (buf: Buffer, end: number): boolean => buf.subarray(0, Math.min(end, 8000)).includes(0);

/**
 * Searches a stream of bytes chunk by chunk: each chunk is searched together with the last
 * (longest needle + 1) bytes of the one before, so a needle split across two chunks is found,
 * with the bytes on both sides of it, and found once. Holds one buffer, reused for every file and blob.
 */
export class ChunkScanner {
  private readonly buf: Buffer;
  private keep = 0;
  private fill = 0;
  private base = 0;
  private first = true;
  hits: Hit[] = [];
  /** Set when the stream was recognized as a large binary and left unsearched. */
  skipped = false;

  constructor(
    private readonly matcher: Matcher,
    chunk = CHUNK,
  ) {
    this.buf = Buffer.allocUnsafe(chunk + matcher.longest + 1);
  }

  /** Starts a new stream; `size` (when known) and `named` decide whether a large binary is skipped. */
  reset(size = -1, named = false): void {
    this.keep = 0;
    this.fill = 0;
    this.base = 0;
    this.first = !named && size > LARGE_BINARY;
    this.hits = [];
    this.skipped = false;
  }

  private flush(final: boolean): void {
    const end = this.fill;
    if (end <= this.keep && !final) return;
    if (this.first) {
      this.first = false;
      if (looksBinary(this.buf, end)) {
        this.skipped = true;
        return;
      }
    }
    const base = this.base;
    this.matcher.scan(this.buf, end, this.keep, final, (needle, start) => this.hits.push({ needle, offset: base + start }));
    // The longest needle, the byte before it and the byte after it (see Matcher.scan).
    const carry = Math.min(end, this.matcher.longest + 1);
    this.buf.copy(this.buf, 0, end - carry, end);
    this.base += end - carry;
    this.keep = carry;
    this.fill = carry;
  }

  /** Feeds bytes of the current stream (from a pipe). */
  write(data: Buffer): void {
    let at = 0;
    while (at < data.length && !this.skipped) {
      const room = this.buf.length - this.fill;
      const n = Math.min(room, data.length - at);
      data.copy(this.buf, this.fill, at, at + n);
      this.fill += n;
      at += n;
      if (this.fill === this.buf.length) this.flush(false);
    }
  }

  /** Ends the current stream and returns its hits. */
  end(): Hit[] {
    if (!this.skipped) this.flush(true);
    return this.hits;
  }

  /** Reads and searches a whole file through the one buffer (read straight into it, no copy). */
  file(path: string, named = false): Hit[] {
    const fd = openSync(path, "r");
    try {
      this.reset(fstatSync(fd).size, named);
      for (;;) {
        const n = readSync(fd, this.buf, this.fill, this.buf.length - this.fill, null);
        if (n === 0) break;
        this.fill += n;
        if (this.fill === this.buf.length) this.flush(false);
        if (this.skipped) break;
      }
      return this.end();
    } finally {
      closeSync(fd);
    }
  }
}

/** The 1-based line of each offset, counting newlines in a second read of the same bytes. */
export async function linesAt(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, offsets: readonly number[]): Promise<Map<number, number>> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let line = 1;
  let base = 0;
  let w = 0;
  for await (const chunk of chunks) {
    let at = 0;
    while (w < wanted.length && (wanted[w] as number) < base + chunk.length) {
      const stop = (wanted[w] as number) - base;
      for (let nl = chunk.indexOf(10, at); nl !== -1 && nl < stop; nl = chunk.indexOf(10, nl + 1)) {
        line++;
        at = nl + 1;
      }
      at = Math.max(at, stop);
      out.set(wanted[w++] as number, line);
    }
    if (w === wanted.length) break;
    for (let nl = chunk.indexOf(10, at); nl !== -1; nl = chunk.indexOf(10, nl + 1)) line++;
    base += chunk.length;
  }
  return out;
}
