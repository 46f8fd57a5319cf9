import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

// The programs aim runs on its own behalf (pass, and through it gpg; gpg and
// gpg-connect-agent for aim doctor) are looked up in the absolute entries of PATH only. A
// relative entry (./node_modules/.bin, bin, or an empty one, which means the working folder)
// would run whatever the repository being visited put there, as Go's os/exec has refused
// since 1.19. The helper also gets a PATH without them, so what it runs in turn (pass runs
// gpg, getopt, tree…) is not taken from the working folder either.

/** PATH without its relative and empty entries. */
export const absolutePath = (path: string | undefined): string =>
  (path ?? "")
    .split(delimiter)
    .filter((d) => d !== "" && isAbsolute(d))
    .join(delimiter);

/** A regular file this user may execute. */
export const runnable = (file: string): boolean => {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where `name` is in the absolute entries of `env`'s PATH, or undefined; and the environment to run it with. */
export function findHelper(name: string, env: NodeJS.ProcessEnv): { file: string | undefined; env: NodeJS.ProcessEnv } {
  const path = absolutePath(env.PATH);
  const file = path
    .split(delimiter)
    .filter(Boolean)
    .map((d) => join(d, name))
    .find(runnable);
  return { file, env: { ...env, PATH: path } };
}
