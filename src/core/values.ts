import { AimError } from "../errors.js";

/** Strips the one trailing newline that `echo` or a here-doc adds. */
export const stripOneNewline = (text: string): string => text.replace(/\r?\n$/, "");

/**
 * Linux's MAX_ARG_STRLEN: the most one environment string (`NAME=value` and its closing
 * NUL) may take when a program starts. A longer one makes every exec fail with E2BIG.
 */
export const MAX_ENV_STRING = 131_072;

/** Bytes `NAME=value` takes in a child's environment, its closing NUL included. */
export const envStringBytes = (name: string, value: string): number => Buffer.byteLength(name) + 1 + Buffer.byteLength(value) + 1;

/** Why no program could receive `value` as `name`, or undefined when one can. Never quotes the value. */
export function unusableValue(name: string, value: string): string | undefined {
  if (value.includes("\0")) return `the value of ${name} contains a NUL byte, which no environment variable can hold`;
  const bytes = envStringBytes(name, value);
  if (bytes > MAX_ENV_STRING) {
    return `${name}=… would take ${bytes} bytes, more than the ${MAX_ENV_STRING} bytes (128 KiB, NAME=value included) that Linux allows one environment variable`;
  }
  return undefined;
}

/** Text from bytes that must be UTF-8: anything else is refused, never silently altered. */
export function decodeUtf8(bytes: Uint8Array, what: string, hint: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstBadByte(bytes);
    throw new AimError("BAD_VALUE", `${what} is not UTF-8 text (byte ${at + 1} is not valid UTF-8); nothing was stored`, { hint });
  }
}

function firstBadByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by halving (a prefix may end inside a character: allow 3 bytes).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // The valid prefix may end in the first bytes of a sequence that the next byte breaks: the
  // fault is where that sequence starts.
  const complete = (n: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, n));
      return true;
    } catch {
      return false;
    }
  };
  let start = lo;
  while (start > 0 && lo - start < 3 && !complete(start)) start--;
  return complete(start) ? start : lo;
}

/** Throws unless `value` can be stored and handed to a process environment. */
export function assertStorableValue(key: string, value: string, source: string): string {
  if (value === "") {
    throw new AimError("BAD_VALUE", `the value for ${key} from ${source} is empty; nothing was stored`, {
      hint: `pipe the value in (printf %s "$VALUE" | aim secrets set ${key}) or run aim secrets set ${key} in a terminal`,
    });
  }
  if (value.includes("\0")) {
    throw new AimError("BAD_VALUE", `the value for ${key} contains a NUL byte, which no environment variable can hold`, {
      hint: "store the value base64-encoded instead",
    });
  }
  const bytes = envStringBytes(key, value);
  if (bytes > MAX_ENV_STRING) {
    throw new AimError(
      "BAD_VALUE",
      `the value for ${key} from ${source} is ${Buffer.byteLength(value)} bytes: no program could receive it, since Linux allows one environment variable at most ${MAX_ENV_STRING} bytes (128 KiB, NAME=value included); nothing was stored`,
      { hint: "keep a large secret in a file and store its path instead" },
    );
  }
  return value;
}
