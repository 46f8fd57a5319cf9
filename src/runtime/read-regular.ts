import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { AimError } from "../errors.js";
import { shownPath } from "./shown-path.js";

const kind = (st: Stats): string =>
  st.isFIFO()
    ? "a FIFO"
    : st.isCharacterDevice()
      ? "a character device"
      : st.isBlockDevice()
        ? "a block device"
        : st.isSocket()
          ? "a socket"
          : st.isDirectory()
            ? "a folder"
            : "not a file";

/**
 * The bytes of a file someone else may have put there (a repository, a shared folder): only
 * a regular file (a FIFO would block for ever, /dev/zero never ends), and at most `max`
 * bytes, refused before reading when it says it is bigger. Opened non-blocking, so a FIFO is
 * seen for what it is instead of waiting for a writer; a symlink is followed and its target
 * judged. `tooBig` words the refusal for the caller's kind of file.
 */
export function readRegular(path: string, max: number, tooBig: (path: string, size: string) => AimError): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new AimError("IO", `${shownPath(path)} is not a regular file (${kind(st)})`, {
        hint: "it must be a plain file: restore it from git, or remove it",
      });
    if (st.size > max) throw tooBig(path, `${st.size} bytes`);
    // The file may grow between fstat and read: read at most one byte past the cap.
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let got = 0;
    for (let n = 1; n > 0 && got < buf.length; got += n) n = readSync(fd, buf, got, buf.length - got, null);
    if (got > max) throw tooBig(path, `more than ${max} bytes`);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
