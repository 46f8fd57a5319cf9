// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
const MASK = Buffer.from("*****");

/**
 * Replaces every secret in a byte stream with `*****`, also when a secret is split across
 * chunks. Holds back only the shortest tail that could still begin a secret, so prompts
 * and partial lines are not delayed for nothing.
 */
export class Masker {
  readonly #secrets: Buffer[];
  #carry: Buffer = Buffer.alloc(0);

  constructor(values: Iterable<string>) {
    // Longest first, so a secret that contains another is masked whole.
    this.#secrets = [...new Set(values)]
      .filter((v) => v !== "")
      .map((v) => Buffer.from(v))
      .sort((a, b) => b.length - a.length);
  }

  push(chunk: Buffer): Buffer {
    // Decide what to hold back on the raw bytes: a secret that is the start of a longer one
    // ("abc" of "abcdef") must wait until it is clear which of them the stream holds.
    const buf = Buffer.concat([this.#carry, chunk]);
    const cut = this.#safeCut(buf, buf.length - this.#pendingPrefix(buf));
    this.#carry = buf.subarray(cut);
    return this.#replaceAll(buf.subarray(0, cut));
  }

  flush(): Buffer {
    const rest = this.#replaceAll(this.#carry);
    this.#carry = Buffer.alloc(0);
    return rest;
  }

  /** Moves `cut` back until no whole secret straddles it, so none is emitted in part. */
  #safeCut(buf: Buffer, cut: number): number {
    for (let moved = true; moved; ) {
      moved = false;
      for (const secret of this.#secrets) {
        for (let at = buf.indexOf(secret); at >= 0 && at < cut; at = buf.indexOf(secret, at + 1)) {
          if (at + secret.length > cut) {
            cut = at;
            moved = true;
          }
        }
      }
    }
    return cut;
  }

  /**
   * Masks every byte that belongs to any occurrence of any secret: the occurrences are
   * found on the raw bytes first, then overlapping ones merge into one mask. Replacing one
   * secret after another would leave the part of an overlapping one that the first mask
   * did not cover ("abcdefSECRET1" then "SECRET1ghijkl" in "abcdefSECRET1ghijkl").
   */
  #replaceAll(buf: Buffer): Buffer {
    const spans: Array<[number, number]> = [];
    for (const secret of this.#secrets) {
      for (let at = buf.indexOf(secret); at >= 0; at = buf.indexOf(secret, at + 1)) spans.push([at, at + secret.length]);
    }
    if (spans.length === 0) return buf;
    spans.sort((a, b) => a[0] - b[0]);
    const parts: Buffer[] = [];
    let from = 0;
    let [start, end] = spans[0] as [number, number];
    for (const [s, e] of spans) {
      if (s < end) {
        end = Math.max(end, e);
        continue;
      }
      parts.push(buf.subarray(from, start), MASK);
      from = end;
      [start, end] = [s, e];
    }
    parts.push(buf.subarray(from, start), MASK, buf.subarray(end));
    return Buffer.concat(parts);
  }

  /** Length of the longest tail of `buf` that is a proper prefix of some secret. */
  #pendingPrefix(buf: Buffer): number {
    let hold = 0;
    for (const secret of this.#secrets) {
      for (let k = Math.min(secret.length - 1, buf.length); k > hold; k--) {
        if (buf[buf.length - k] === secret[0] && buf.subarray(buf.length - k).equals(secret.subarray(0, k))) {
          hold = k;
          break;
        }
      }
    }
    return hold;
  }
}
