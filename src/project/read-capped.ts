import { AimError } from "../errors.js";
import { readRegular } from "../runtime/read-regular.js";
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

/** The file's bytes, refusing (without reading them) any file larger than MAX_CONFIG_BYTES, or not a regular file. */
export const readCapped = (path: string): Buffer => readRegular(path, MAX_CONFIG_BYTES, tooBig);
