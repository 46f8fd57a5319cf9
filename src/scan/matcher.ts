import type { Needle } from "./encodings.js";

/**
 * One multi-pattern matcher for every needle at once: Wu–Manber with 2-byte blocks. A window
 * as long as the shortest needle slides over the bytes; the table says, for the window's last
 * two bytes, how far it may jump without passing a possible match, so on text that holds
 * none of the needles it skips several bytes per look. Only where the table says 0 are the
 * needles that end their window with those two bytes compared in full.
 * Measured against first-byte prefilters and a byte-at-a-time Aho–Corasick in bench/scan.mjs:
 * with 50 values (about 400 needles) the skip loop is the only one that keeps up with grep.
 */
export class Matcher {
  /** The shortest needle's length: the window. */
  readonly window: number;
  /** The longest needle's length: a chunk boundary must keep this many bytes minus one. */
  readonly longest: number;
  private readonly shift: Uint8Array;
  /** For a 2-byte block ending a window: the needles to compare, by index (-1 ends a list). */
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prefix: Uint16Array;

  private readonly needles: readonly Buffer[];
  private readonly before: ReadonlyArray<Uint8Array | null>;
  private readonly after: ReadonlyArray<Uint8Array | null>;

  constructor(list: readonly Needle[]) {
    const needles = list.map((n) => n.bytes);
    this.needles = needles;
    this.before = list.map((n) => n.edges?.before ?? null);
    this.after = list.map((n) => n.edges?.after ?? null);
    if (needles.length === 0) throw new Error("a matcher needs at least one needle");
    const m = Math.min(...needles.map((n) => n.length));
    if (m < 2) throw new Error("needles are at least 2 bytes");
    this.window = m;
    this.longest = Math.max(...needles.map((n) => n.length));
    const most = Math.min(m - 1, 255);
    this.shift = new Uint8Array(65536).fill(most);
    this.head = new Int32Array(65536).fill(-1);
    this.next = new Int32Array(needles.length).fill(-1);
    this.prefix = new Uint16Array(needles.length);
    needles.forEach((n, i) => {
      for (let j = 1; j < m; j++) {
        const block = ((n[j - 1] as number) << 8) | (n[j] as number);
        const s = m - 1 - j;
        if (s < (this.shift[block] as number)) this.shift[block] = s;
      }
      const last = ((n[m - 2] as number) << 8) | (n[m - 1] as number);
      this.next[i] = this.head[last] as number;
      this.head[last] = i;
      this.prefix[i] = ((n[0] as number) << 8) | (n[1] as number);
    });
  }

  /**
   * Calls `hit(needle, start)` for every needle found in `buf[0, end)`. A match is judged
   * where the byte after it is in the buffer too (a base64 core checks the characters on
   * both sides), or at the `final` chunk; one whose next byte lies inside `buf[0, keep)`
   * (kept from the previous chunk) was judged there already.
   */
  scan(buf: Buffer, end: number, keep: number, final: boolean, hit: (needle: number, start: number) => void): void {
    const { shift, head, next, prefix, needles, before, after } = this;
    const m = this.window;
    let i = m - 1;
    while (i < end) {
      const block = ((buf[i - 1] as number) << 8) | (buf[i] as number);
      const s = shift[block] as number;
      if (s !== 0) {
        i += s;
        continue;
      }
      const start = i - m + 1;
      const pre = ((buf[start] as number) << 8) | (buf[start + 1] as number);
      for (let k = head[block] as number; k !== -1; k = next[k] as number) {
        if (prefix[k] !== pre) continue;
        const n = needles[k] as Buffer;
        const stop = start + n.length;
        if (stop > end || stop < keep || (stop === end && !final)) continue;
        let j = 2;
        while (j < n.length && buf[start + j] === n[j]) j++;
        if (j !== n.length) continue;
        const b = before[k];
        if (b && (start === 0 || b[buf[start - 1] as number] !== 1)) continue;
        const a = after[k];
        if (a && (stop === end || a[buf[stop] as number] !== 1)) continue;
        hit(k, start);
      }
      i++;
    }
  }
}
