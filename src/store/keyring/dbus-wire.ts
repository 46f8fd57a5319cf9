// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested on exact bytes.
/**
 * The little of the D-Bus wire format that reading secrets needs (the D-Bus specification,
 * "Message Protocol"): method calls written little-endian, replies read in either byte
 * order, and the types y u s o g v a ( ) { } of the Secret Service's few signatures. A
 * library (dbus-next) costs about 60 ms to load, more than the look-up it would serve.
 */

export type Value = number | string | Buffer | Variant | Value[];
export interface Variant {
  signature: string;
  value: Value;
}

/** One whole type at `at` in a signature: its end. */
function typeEnd(sig: string, at: number): number {
  const c = sig[at];
  if (c === "a") return typeEnd(sig, at + 1);
  if (c === "(" || c === "{") {
    const close = c === "(" ? ")" : "}";
    let i = at + 1;
    while (sig[i] !== close) {
      if (i >= sig.length) throw new Error(`bad signature ${sig}`);
      i = typeEnd(sig, i);
    }
    return i + 1;
  }
  if (c !== undefined && "yusogv".includes(c)) return at + 1;
  throw new Error(`unsupported signature ${sig}`);
}

/** The single complete types of a signature, in order. */
export function splitSignature(sig: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < sig.length; ) {
    const end = typeEnd(sig, i);
    out.push(sig.slice(i, end));
    i = end;
  }
  return out;
}

const ALIGN: Record<string, number> = { y: 1, g: 1, v: 1, u: 4, s: 4, o: 4, a: 4, "(": 8, "{": 8 };
const alignOf = (type: string): number => ALIGN[type[0] as string] ?? 1;

// The writer and the reader are closures, not classes: aim's build compiles the functions of
// its start-up path with the file (scripts/eager-compile.mjs), and a class's methods cannot be.

/** Writes values little-endian; offsets count from the message's start, as alignment does. */
interface Writer {
  /** The bytes written so far. */
  bytes(): Buffer;
  byte(b: number): void;
  u32(n: number): void;
  pad(n: number): void;
  write(type: string, v: Value): void;
}

function writer(): Writer {
  let buf = Buffer.alloc(256);
  let len = 0;
  const room = (n: number) => {
    if (len + n <= buf.length) return;
    const bigger = Buffer.alloc(Math.max(buf.length * 2, len + n));
    buf.copy(bigger, 0, 0, len);
    buf = bigger;
  };
  const pad = (n: number) => {
    const to = Math.ceil(len / n) * n;
    room(to - len);
    buf.fill(0, len, to);
    len = to;
  };
  const byte = (b: number) => {
    room(1);
    buf[len++] = b;
  };
  const u32 = (n: number) => {
    pad(4);
    room(4);
    buf.writeUInt32LE(n, len);
    len += 4;
  };
  const raw = (b: Buffer) => {
    room(b.length);
    b.copy(buf, len);
    len += b.length;
  };
  const write = (type: string, v: Value): void => {
    const c = type[0];
    if (c === "y") byte(v as number);
    else if (c === "u") u32(v as number);
    else if (c === "s" || c === "o") {
      const b = Buffer.from(v as string, "utf8");
      u32(b.length);
      raw(b);
      byte(0);
    } else if (c === "g") {
      const b = Buffer.from(v as string, "latin1");
      byte(b.length);
      raw(b);
      byte(0);
    } else if (c === "v") {
      const { signature, value } = v as Variant;
      write("g", signature);
      write(signature, value);
    } else if (c === "a") {
      const item = type.slice(1);
      u32(0);
      const at = len - 4;
      // The length excludes the padding before the first element.
      pad(alignOf(item));
      const start = len;
      if (item === "y") raw(v as Buffer);
      else for (const e of v as Value[]) write(item, e);
      buf.writeUInt32LE(len - start, at);
    } else {
      pad(8);
      const parts = splitSignature(type.slice(1, -1));
      for (const [i, t] of parts.entries()) write(t, (v as Value[])[i] as Value);
    }
  };
  return { bytes: () => buf.subarray(0, len), byte, u32, pad, write };
}

/** Reads values in the message's byte order, from offset `start` of `buf`. */
interface Reader {
  /** The offset of the next byte to read. */
  at(): number;
  align(n: number): void;
  u32(): number;
  read(type: string): Value;
}

function reader(buf: Buffer, little: boolean, start = 0): Reader {
  let at = start;
  const align = (n: number) => {
    at = Math.ceil(at / n) * n;
  };
  const u32 = (): number => {
    align(4);
    if (at + 4 > buf.length) throw new Error("message truncated");
    const n = little ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
    at += 4;
    return n;
  };
  const take = (n: number): Buffer => {
    if (at + n > buf.length) throw new Error("message truncated");
    const b = buf.subarray(at, at + n);
    at += n;
    return b;
  };
  const read = (type: string): Value => {
    const c = type[0];
    if (c === "y") return take(1)[0] as number;
    if (c === "u") return u32();
    if (c === "s" || c === "o") {
      const text = take(u32()).toString("utf8");
      take(1);
      return text;
    }
    if (c === "g") {
      const n = take(1)[0] as number;
      const text = take(n).toString("latin1");
      take(1);
      return text;
    }
    if (c === "v") {
      const signature = read("g") as string;
      if (splitSignature(signature).length !== 1) throw new Error("bad variant");
      return { signature, value: read(signature) };
    }
    if (c === "a") {
      const item = type.slice(1);
      const n = u32();
      align(alignOf(item));
      // A copy: the secret must not keep the whole read buffer alive, nor share it.
      if (item === "y") return Buffer.from(take(n));
      const end = at + n;
      if (end > buf.length) throw new Error("message truncated");
      const out: Value[] = [];
      while (at < end) out.push(read(item));
      if (at !== end) throw new Error("bad array length");
      return out;
    }
    align(8);
    return splitSignature(type.slice(1, -1)).map((t) => read(t));
  };
  return { at: () => at, align, u32, read };
}

/** Message types (the header's second byte). */
export const CALL = 1;
export const RETURN = 2;
export const ERROR = 3;

export interface Call {
  serial: number;
  path: string;
  member: string;
  interface?: string;
  destination?: string;
  signature?: string;
  body?: Value[];
}

/** A method call message, little-endian. */
export function methodCall(call: Call): Buffer {
  const body = writer();
  const types = splitSignature(call.signature ?? "");
  for (const [i, t] of types.entries()) body.write(t, (call.body ?? [])[i] as Value);
  const bodyBytes = body.bytes();
  const fields: Value[] = [[1, { signature: "o", value: call.path }]];
  if (call.interface) fields.push([2, { signature: "s", value: call.interface }]);
  fields.push([3, { signature: "s", value: call.member }]);
  if (call.destination) fields.push([6, { signature: "s", value: call.destination }]);
  if (types.length > 0) fields.push([8, { signature: "g", value: call.signature as string }]);
  const head = writer();
  for (const b of [0x6c, CALL, 0, 1]) head.byte(b);
  head.u32(bodyBytes.length);
  head.u32(call.serial);
  head.write("a(yv)", fields);
  head.pad(8);
  return Buffer.concat([head.bytes(), bodyBytes]);
}

/** The length of the first whole message in `buf`, or undefined when more bytes are needed. */
export function messageLength(buf: Buffer): number | undefined {
  if (buf.length < 16) return undefined;
  const little = buf[0] === 0x6c;
  if (!little && buf[0] !== 0x42) throw new Error("not a D-Bus message");
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const total = Math.ceil((16 + u32(12)) / 8) * 8 + u32(4);
  // The specification's limit: anything bigger is not a reply of the Secret Service's.
  if (total > 128 * 1024 * 1024) throw new Error("message too long");
  return buf.length >= total ? total : undefined;
}

export interface Message {
  type: number;
  serial: number;
  replySerial?: number;
  errorName?: string;
  signature: string;
  body: Value[];
}

/** Parses one whole message (as long as messageLength says). */
export function parseMessage(buf: Buffer): Message {
  const little = buf[0] === 0x6c;
  const r = reader(buf, little, 4);
  const bodyLength = r.u32();
  const serial = r.u32();
  const fields = r.read("a(yv)") as Value[][];
  r.align(8);
  const msg: Message = { type: buf[1] as number, serial, signature: "", body: [] };
  for (const [code, v] of fields as [number, Variant][]) {
    if (code === 4) msg.errorName = String(v.value);
    else if (code === 5) msg.replySerial = Number(v.value);
    else if (code === 8) msg.signature = String(v.value);
  }
  const body = reader(buf.subarray(0, r.at() + bodyLength), little, r.at());
  msg.body = splitSignature(msg.signature).map((t) => body.read(t));
  return msg;
}

/** SASL EXTERNAL with the uid, then BEGIN: sent at once, before the first message (as sd-bus does). */
export function authPreamble(uid: number): Buffer {
  const hex = Buffer.from(String(uid), "ascii").toString("hex");
  return Buffer.from(`\0AUTH EXTERNAL ${hex}\r\nBEGIN\r\n`, "ascii");
}

/**
 * The socket path of a D-Bus address (`unix:path=…` or `unix:abstract=…`, the first of a
 * `;`-separated list, values %-escaped); undefined for any other transport.
 */
export function socketPath(address: string): string | undefined {
  const first = address.split(";")[0] ?? "";
  if (!first.startsWith("unix:")) return undefined;
  const pairs = new Map(
    first
      .slice(5)
      .split(",")
      .map((kv) => {
        const eq = kv.indexOf("=");
        return [kv.slice(0, eq), kv.slice(eq + 1)] as const;
      }),
  );
  const unescaped = (v: string): string | undefined => {
    try {
      return decodeURIComponent(v);
    } catch {
      return undefined;
    }
  };
  const path = pairs.get("path");
  if (path) return unescaped(path);
  const abstract = pairs.get("abstract");
  if (abstract) {
    const name = unescaped(abstract);
    return name === undefined ? undefined : `\0${name}`;
  }
  return undefined;
}
