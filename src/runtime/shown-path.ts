import { relative } from "node:path";

/** A path as a message shows it: relative when it lies below the working directory. */
export const shownPath = (file: string, cwd = process.cwd()): string => {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
};
