/** How a value can be written down in a file: the names `aim scan` reports (DESIGN "aim scan"). */
export type Encoding = "raw" | "base64" | "base64url" | "url" | "json";

/** One byte string to look for, and what it stands for. */
export interface Needle {
  bytes: Buffer;
  encoding: Encoding;
  /** For a base64 core: the characters allowed right before and right after it (256 flags), when one is required. */
  edges?: Edges;
}

/** A needle's identity: its bytes and, for a base64 core, the edges it requires. */
export const needleId = (n: Needle): string =>
  `${n.bytes.toString("latin1")}\0${n.edges ? `${n.edges.before?.join("") ?? "-"}:${n.edges.after?.join("") ?? "-"}` : ""}`;

/** Which bytes may stand before and after a match: the partial base64 characters that hold the value's edge bits. */
export interface Edges {
  before: Uint8Array | null;
  after: Uint8Array | null;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * The base64 characters that depend only on the value's own bytes when the value starts
 * `skip` bytes into a base64-encoded stream (0, 1 or 2: every alignment there is). The
 * characters on either side mix in bytes of whatever surrounds it (`user:` in Basic auth),
 * so they are left out.
 */
function base64Core(value: Buffer, skip: number, alphabet = B64): { text: string; edges: Edges } {
  const text = Buffer.concat([Buffer.alloc(skip), value]).toString(alphabet === B64 ? "base64" : "base64url");
  const from = skip * 8;
  const to = (skip + value.length) * 8;
  const first = Math.ceil(from / 6);
  const end = Math.floor(to / 6);
  const bit = (i: number) => ((value[(i - from) >> 3] as number) >> (7 - ((i - from) & 7))) & 1;
  // The characters whose known bits (those inside [from, to)) agree with the value's.
  const allowed = (char: number): Uint8Array => {
    const ok = new Uint8Array(256);
    for (let c = 0; c < 64; c++) {
      let fits = true;
      for (let b = 0; b < 6; b++) {
        const i = char * 6 + b;
        if (i >= from && i < to && ((c >> (5 - b)) & 1) !== bit(i)) fits = false;
      }
      if (fits) ok[alphabet.charCodeAt(c)] = 1;
    }
    return ok;
  };
  return {
    text: text.slice(first, end),
    edges: { before: first * 6 > from ? allowed(first - 1) : null, after: end * 6 < to ? allowed(end) : null },
  };
}

const jsonEscaped = (value: string): string => JSON.stringify(value).slice(1, -1);
/** Python's json.dumps (ensure_ascii) and others escape every non-ASCII character. */
const jsonAscii = (value: string): string =>
  jsonEscaped(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
/** encodeURIComponent leaves !'()* alone; other encoders (curl, Python's quote) do not. */
const urlStrict = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Every byte string that stands for `value` in a file: the value itself, its base64 and
 * base64url at each alignment, its percent-encoding (upper and lower case hex) and its JSON
 * string escaping. A form equal to one already listed is left out, so each match is named by
 * the first (the plainest) encoding that produces it.
 */
export function needlesOf(value: string): Needle[] {
  const raw = Buffer.from(value, "utf8");
  const out: Needle[] = [];
  const seen = new Set<string>();
  const add = (text: string, encoding: Encoding, edges?: Edges) => {
    if (text.length === 0 || seen.has(text)) return;
    seen.add(text);
    out.push({ bytes: Buffer.from(text, "utf8"), encoding, ...(edges && (edges.before || edges.after) ? { edges } : {}) });
  };
  add(value, "raw");
  for (const skip of [0, 1, 2]) {
    const std = base64Core(raw, skip, B64);
    const url = base64Core(raw, skip, B64URL);
    if (std.text !== url.text) {
      add(std.text, "base64", std.edges);
      add(url.text, "base64url", url.edges);
    } else {
      // No + or / in the core: the same text in either alphabet; either may stand beside it.
      const or = (a: Uint8Array | null, b: Uint8Array | null) => (a && b ? a.map((x, i) => x | (b[i] as number)) : null);
      add(std.text, "base64", { before: or(std.edges.before, url.edges.before), after: or(std.edges.after, url.edges.after) });
    }
  }
  for (const url of [encodeURIComponent(value), urlStrict(value)]) {
    add(url, "url");
    add(
      url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      "url",
    );
  }
  add(jsonEscaped(value), "json");
  add(jsonAscii(value), "json");
  add(jsonEscaped(value).replace(/\//g, "\\/"), "json");
  return out;
}
