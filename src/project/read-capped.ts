import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { AimError } from "../errors.js";
import { shownPath } from "../runtime/shown-path.js";

/**
 * The most aim reads of a project file or the global config. Real ones are a few hundred
 * bytes (a package.json some kilobytes); a 200 MB one took seconds and most of a gigabyte to
 * parse, at every command and every cd of the hook.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const tooBig = (path: string, size: string) =>
  new AimError(
    "CONFIG_INVALID",
    `${shownPath(path)} is ${size}, more than the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB aim reads of a project or config file`,
    {
      hint: "such a file holds key names and a few settings: shorten it, or remove it",
    },
  );

/** The file's bytes, refusing (without reading them) any file larger than MAX_CONFIG_BYTES. */
export function readCapped(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_CONFIG_BYTES) throw tooBig(path, `${size} bytes`);
    // The file may grow between fstat and read: read at most one byte past the cap.
    const buf = Buffer.alloc(Math.min(size, MAX_CONFIG_BYTES) + 1);
    let got = 0;
    for (let n = 1; n > 0 && got < buf.length; got += n) n = readSync(fd, buf, got, buf.length - got, null);
    if (got > MAX_CONFIG_BYTES) throw tooBig(path, `more than ${MAX_CONFIG_BYTES} bytes`);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
