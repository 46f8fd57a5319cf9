import { lstatSync, type Stats, statSync } from "node:fs";

/**
 * Why a project file may not govern, or null when it may. As git's safe.directory does for
 * a repository: a file that another user owns, or may rewrite, says what someone else wants
 * this folder to get, so aim ignores it (with a note) and `aim allow` refuses it. Root's files
 * count as the user's own (system-wide files). A symlink is judged on itself and on its
 * target: whoever owns the link decides where it points.
 *
 * Group-writable counts only when the group is not the user's own primary group (user
 * private groups, umask 002, are common and share nothing).
 */
export function foreignReason(filepath: string): string | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null; // Windows: no POSIX owners; ACLs are not judged here
  const gid = process.getgid?.();
  let link: Stats;
  let st: Stats;
  try {
    link = lstatSync(filepath);
    st = link.isSymbolicLink() ? statSync(filepath) : link;
  } catch {
    return null; // gone, or unreadable: the loader reports that
  }
  if (link.isSymbolicLink() && link.uid !== uid && link.uid !== 0) return `the symlink belongs to another user (uid ${link.uid})`;
  if (st.uid !== uid && st.uid !== 0) return `it belongs to another user (uid ${st.uid})`;
  const mode = `0${(st.mode & 0o777).toString(8)}`;
  if (st.mode & 0o002) return `it is writable by every user (mode ${mode})`;
  if (st.mode & 0o020 && st.gid !== gid) return `it is writable by the users of group ${st.gid} (mode ${mode})`;
  return null;
}

/** The one-line note for a project file aim passes over. */
export const ignoredNote = (shown: string, reason: string): string =>
  `ignoring ${shown}: ${reason}, so it may not decide which keys this folder gets; if it is yours, fix it (chown, chmod go-w), else remove it`;
