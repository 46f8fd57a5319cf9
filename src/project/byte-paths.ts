import { existsSync, readlinkSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { AimError } from "../errors.js";

/**
 * Paths are bytes, but Node hands aim its working directory and argv as UTF-8 text: a
 * folder whose name is not UTF-8 arrives with U+FFFD in place of the odd bytes, a path that
 * names no folder. A walk up from it would skip that folder (and its own .aimrc) and hand
 * out the parent's keys. So aim finds the real bytes (Linux: /proc/self/cwd), looks for a
 * project file in every folder whose name is not UTF-8, and refuses if there is one; else
 * the walk starts at the nearest folder that text can name.
 */

/** A byte path as a message shows it: bytes that are not printable ASCII as \xNN. */
export const showBytes = (bytes: Buffer): string =>
  [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`)).join("");

const isFile = (path: Buffer): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The working directory's bytes, when `abs` is the working directory (decoded alike). */
function cwdBytes(abs: string): Buffer | null {
  try {
    const bytes = readlinkSync("/proc/self/cwd", { encoding: "buffer" });
    return bytes.toString("utf8") === abs ? bytes : null;
  } catch {
    return null;
  }
}

const refuse = (shown: string, why: string) =>
  new AimError("CONFIG_INVALID", `${shown}: ${why}`, {
    hint: "rename the folder to a UTF-8 name (mv), or run with --no-config --keys K1,K2",
  });

/**
 * Where the walk for project files may start for `abs` (absolute): `abs` itself when it is
 * a path aim can name, else its nearest ancestor that is, once no folder in between holds
 * one of `names`. Throws when one does, or when the real bytes cannot be known.
 */
export function walkStart(abs: string, names: readonly string[]): string {
  if (!abs.includes("\uFFFD") || existsSync(abs)) return abs;
  const bytes = cwdBytes(abs);
  if (!bytes) throw refuse(abs, "this path is not valid UTF-8, so aim cannot tell which project file governs it");
  let dir = bytes;
  while (!isUtf8(dir)) {
    for (const name of names) {
      const file = Buffer.concat([dir, Buffer.from(`/${name}`)]);
      if (isFile(file)) throw refuse(showBytes(file), "its folder's name is not valid UTF-8, so aim can neither read nor trust it");
    }
    const slash = dir.lastIndexOf(0x2f);
    dir = dir.subarray(0, Math.max(slash, 1));
  }
  return dir.toString("utf8");
}
