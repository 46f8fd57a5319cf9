/** How a value can be written down in a file: the names `aim scan` reports (DESIGN "aim scan"). */
export type Encoding = "raw" | "base64" | "base64url" | "url" | "json";

/** One byte string to look for, and what it stands for. */
export interface Needle {
  bytes: Buffer;
  encoding: Encoding;
}

/**
 * The base64 characters that depend only on the value's own bytes when the value starts
 * `skip` bytes into a base64-encoded stream (0, 1 or 2: every alignment there is). The
 * characters on either side mix in bytes of whatever surrounds it (`user:` in Basic auth),
 * so they are left out.
 */
function base64Core(value: Buffer, skip: number): string {
  const text = Buffer.concat([Buffer.alloc(skip), value]).toString("base64");
  const first = Math.ceil((skip * 8) / 6);
  const end = Math.floor(((skip + value.length) * 8) / 6);
  return text.slice(first, end);
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
  const add = (text: string, encoding: Encoding) => {
    if (text.length === 0 || seen.has(text)) return;
    seen.add(text);
    out.push({ bytes: Buffer.from(text, "utf8"), encoding });
  };
  add(value, "raw");
  for (const skip of [0, 1, 2]) add(base64Core(raw, skip), "base64");
  for (const skip of [0, 1, 2]) add(base64Core(raw, skip).replace(/\+/g, "-").replace(/\//g, "_"), "base64url");
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
