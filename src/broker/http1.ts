// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
// HTTP/1.1 on the broker's upstream leg, as little of it as relaying needs (RFC 9112): a
// request's head, a response's head, and where a response's body ends. The body itself is
// relayed as the upstream's own bytes, framing included; this only finds its end, so that a
// kept-alive connection goes back to the pool at the exact byte where the next answer begins.

/** A response's status line and header fields, and how many bytes of the stream they took. */
export interface ResponseHead {
  status: number;
  reason: string;
  /** Name, value, name, value… as they came (latin1, as Node's own parser gives them). */
  rawHeaders: string[];
  /** Bytes from the start of the status line to the end of the empty line. */
  size: number;
  /** HTTP/1.1 without `Connection: close`: the connection may carry another request. */
  keepAlive: boolean;
}

/** How a response's body is delimited (RFC 9112, 6.3). */
export type Framing =
  | { kind: "none" }
  | { kind: "length"; length: number }
  | { kind: "chunked" }
  /** Read until the upstream closes: the connection cannot be used again. */
  | { kind: "close" };

export class HttpParseError extends Error {}

/** Longer heads are refused: Node's own parser stops at 16 KiB. */
export const MAX_HEAD = 64 * 1024;

const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9][0-9]{2})(?: ([\t\x20-\x7e\x80-\xff]*))?$/;
// A field line: a token, a colon, a value without control characters (obs-fold is refused).
const FIELD_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[\t ]*([\t\x20-\x7e\x80-\xff]*?)[\t ]*$/;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TARGET = /^[\x21-\x7e\x80-\xff]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The request line and header fields, as written upstream: latin1, the encoding Node read
 * them in, so that every byte a client sent goes on as it came (UTF-8 written as UTF-8 would
 * be encoded twice). A method, target, name or value that HTTP does not allow (a line break
 * in a stored value, a character beyond latin1) throws HttpParseError, whose message never
 * quotes it: written, it would end the head early, or split it into two requests.
 */
export const requestHead = (method: string, path: string, rawHeaders: readonly string[]): Buffer => {
  if (!TOKEN.test(method) || !TARGET.test(path)) throw new HttpParseError("bad request line");
  let text = `${method} ${path} HTTP/1.1\r\n`;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value))
      throw new HttpParseError(`a character HTTP does not allow in header ${TOKEN.test(name) ? name : "(a bad name)"}`);
    text += `${name}: ${value}\r\n`;
  }
  return Buffer.from(`${text}\r\n`, "latin1");
};

/** Every value of header `name` (lowercase), split at commas, trimmed and lowercased. */
const tokens = (rawHeaders: readonly string[], name: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() !== name) continue;
    for (const t of (rawHeaders[i + 1] as string).split(",")) out.push(t.trim().toLowerCase());
  }
  return out;
};

/** The first value of header `name` (lowercase), or undefined. */
export const headerValue = (rawHeaders: readonly string[], name: string): string | undefined => {
  for (let i = 0; i < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
};

/** The head at the start of `buf`, or null while its empty line has not come yet. Throws HttpParseError. */
export function parseResponseHead(buf: Buffer): ResponseHead | null {
  const end = buf.indexOf("\r\n\r\n", 0, "latin1");
  if (end < 0) {
    if (buf.length > MAX_HEAD) throw new HttpParseError("response head too long");
    return null;
  }
  if (end > MAX_HEAD) throw new HttpParseError("response head too long");
  const lines = buf.toString("latin1", 0, end).split("\r\n");
  const status = STATUS_LINE.exec(lines[0] as string);
  if (!status) throw new HttpParseError("bad status line");
  const rawHeaders: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const field = FIELD_LINE.exec(lines[i] as string);
    if (!field) throw new HttpParseError("bad header line");
    rawHeaders.push(field[1] as string, field[2] as string);
  }
  return {
    status: Number(status[2]),
    reason: status[3] ?? "",
    rawHeaders,
    size: end + 4,
    keepAlive: status[1] === "1" && !tokens(rawHeaders, "connection").includes("close"),
  };
}

/** How the body of `head`, the answer to a `method` request, ends. Throws HttpParseError on a bad Content-Length. */
export function responseFraming(method: string, head: ResponseHead): Framing {
  if (method === "HEAD" || head.status < 200 || head.status === 204 || head.status === 304) return { kind: "none" };
  const te = tokens(head.rawHeaders, "transfer-encoding");
  // Transfer-Encoding overrides Content-Length; an encoding other than chunked last runs to the close.
  if (te.length > 0) return te[te.length - 1] === "chunked" ? { kind: "chunked" } : { kind: "close" };
  const lengths = new Set(tokens(head.rawHeaders, "content-length"));
  if (lengths.size === 0) return { kind: "close" };
  const [length] = lengths;
  if (lengths.size > 1 || !/^[0-9]{1,15}$/.test(length as string)) throw new HttpParseError("bad content-length");
  return { kind: "length", length: Number(length) };
}

/**
 * A response with both Transfer-Encoding and Content-Length: framed by the former, but it may
 * be an attempt at response splitting (RFC 9112, 6.3), so its connection is not used again.
 */
export const hasBothLengths = (rawHeaders: readonly string[]): boolean =>
  headerValue(rawHeaders, "transfer-encoding") !== undefined && headerValue(rawHeaders, "content-length") !== undefined;

/**
 * The header fields to relay with a body framed as `framing`, so that the client frames it as
 * the broker did: with Transfer-Encoding, no Content-Length (RFC 9112, 6.3: an intermediary
 * removes it); repeated equal Content-Lengths (`5, 5`, or two fields) as one field, which
 * strict parsers such as Node's would otherwise refuse; a `Trailer` field only with a chunked
 * body (Node's server refuses to write one otherwise).
 */
export function relayedHeaders(rawHeaders: readonly string[], framing: Framing): string[] {
  const te = headerValue(rawHeaders, "transfer-encoding") !== undefined;
  const out: string[] = [];
  let kept = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (lower === "trailer" && framing.kind !== "chunked" && !te) continue;
    if (lower === "content-length" && framing.kind !== "none") {
      if (te || kept || framing.kind !== "length") continue;
      kept = true;
      out.push(name, String(framing.length));
      continue;
    }
    out.push(name, rawHeaders[i + 1] as string);
  }
  return out;
}

// The chunked decoder's states (RFC 9112, 7.1): only where each part ends is kept, never the data.
const SIZE = 0;
const EXT = 1;
const SIZE_LF = 2;
const DATA = 3;
const DATA_CR = 4;
const DATA_LF = 5;
const LINE_START = 6;
const TRAILER = 7;
const TRAILER_LF = 8;
const END_LF = 9;
const MAX_LINE = 4096;

/**
 * Finds where a body ends, fed the body's bytes as they come (any split). `feed` returns how
 * many bytes of `buf` belong to the body: all of them, or fewer when the body ends inside
 * `buf` (then `done` is true and what follows is not this body's). Throws HttpParseError on
 * malformed chunked framing.
 */
export class BodyEnd {
  done: boolean;
  private left: number;
  private state = SIZE;
  private digits = 0;
  private significant = 0;
  private line = 0;

  constructor(private readonly framing: Framing) {
    this.left = framing.kind === "length" ? framing.length : 0;
    this.done = framing.kind === "none" || (framing.kind === "length" && framing.length === 0);
  }

  feed(buf: Buffer): number {
    if (this.done) return 0;
    if (this.framing.kind === "close") return buf.length;
    if (this.framing.kind === "length") {
      const n = Math.min(this.left, buf.length);
      this.left -= n;
      this.done = this.left === 0;
      return n;
    }
    return this.chunked(buf);
  }

  private chunked(buf: Buffer): number {
    let i = 0;
    while (i < buf.length) {
      if (this.state === DATA) {
        const n = Math.min(this.left, buf.length - i);
        this.left -= n;
        i += n;
        if (this.left === 0) this.state = DATA_CR;
        continue;
      }
      const b = buf[i++] as number;
      switch (this.state) {
        case SIZE: {
          const d = hexValue(b);
          if (d >= 0) {
            // 13 significant hex digits are 2^52: a size beyond that is no real body. Leading
            // zeros are allowed, however many (RFC 9112's chunk-size is 1*HEXDIG).
            if (++this.digits > MAX_LINE) throw new HttpParseError("bad chunk size");
            if ((this.left > 0 || d > 0) && ++this.significant > 13) throw new HttpParseError("chunk size too large");
            this.left = this.left * 16 + d;
          } else if (this.digits > 0 && (b === 0x3b || b === 0x20 || b === 0x09)) this.state = EXT;
          else if (this.digits > 0 && b === 0x0d) this.state = SIZE_LF;
          else throw new HttpParseError("bad chunk size");
          break;
        }
        case EXT:
          if (b === 0x0d) this.state = SIZE_LF;
          else if (b === 0x0a || ++this.line > MAX_LINE) throw new HttpParseError("bad chunk extension");
          break;
        case SIZE_LF:
          if (b !== 0x0a) throw new HttpParseError("bad chunk size line");
          this.line = 0;
          this.digits = 0;
          this.significant = 0;
          this.state = this.left === 0 ? LINE_START : DATA;
          break;
        case DATA_CR:
          if (b !== 0x0d) throw new HttpParseError("chunk longer than its size");
          this.state = DATA_LF;
          break;
        case DATA_LF:
          if (b !== 0x0a) throw new HttpParseError("chunk longer than its size");
          this.state = SIZE;
          break;
        case LINE_START:
          if (b === 0x0d) this.state = END_LF;
          else if (b === 0x0a) throw new HttpParseError("bad trailer");
          else this.state = TRAILER;
          break;
        case TRAILER:
          if (b === 0x0d) this.state = TRAILER_LF;
          else if (b === 0x0a || ++this.line > MAX_LINE) throw new HttpParseError("bad trailer");
          break;
        case TRAILER_LF:
          if (b !== 0x0a) throw new HttpParseError("bad trailer");
          this.line = 0;
          this.state = LINE_START;
          break;
        case END_LF:
          if (b !== 0x0a) throw new HttpParseError("bad end of chunked body");
          this.done = true;
          return i;
      }
    }
    return i;
  }
}

const hexValue = (b: number): number => {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
};
