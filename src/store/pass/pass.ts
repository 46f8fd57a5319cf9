import { homedir } from "node:os";
import { join } from "node:path";
import { isPassPath } from "../../core/reference.js";
import { AimError } from "../../errors.js";
import { passError, runPass } from "./run.js";

type Env = NodeJS.ProcessEnv;

// The standard Unix password store (`pass`): GPG-encrypted files, one per path, shared
// through git. aim runs `pass` itself so that PASSWORD_STORE_DIR, the GPG agent and
// pass's own extensions behave as the user set them up. Only the path travels on argv;
// a value goes in through stdin and comes out through stdout.

/** The password store's folder, as pass itself finds it: the one place aim computes it. */
export const passwordStoreDir = (env: Env = process.env): string =>
  env.PASSWORD_STORE_DIR || join(env.HOME || homedir(), ".password-store");

export function assertPassPath(path: string): string {
  if (!isPassPath(path)) {
    throw new AimError("PASS", `pass:${path} is not a password-store path`, {
      hint: "use a relative path of letters, digits and /._-@+=:, e.g. pass:work/openai",
    });
  }
  return path;
}

/** The first line of `pass show PATH` for each path, one pass process per path, all at once. */
export async function passResolve(paths: readonly string[], env: Env = process.env): Promise<Map<string, string>> {
  const found = await Promise.all(
    paths.map(async (p) => {
      const r = await runPass(["show", assertPassPath(p)], env);
      if (r.code === 0) return [p, r.stdout.split("\n")[0] ?? ""] as const;
      const e = passError(p, r);
      if (e.code === "NOT_FOUND") return undefined;
      throw e;
    }),
  );
  return new Map(found.filter((x): x is readonly [string, string] => x !== undefined));
}

/** `aim secrets set pass:PATH`: through `pass insert --multiline --force`, the value on stdin. */
export async function passInsert(path: string, value: string, env: Env = process.env): Promise<void> {
  const r = await runPass(["insert", "--multiline", "--force", assertPassPath(path)], env, value.endsWith("\n") ? value : `${value}\n`);
  if (r.code !== 0) throw passError(path, r);
}

export async function passDelete(path: string, env: Env = process.env): Promise<boolean> {
  const r = await runPass(["rm", "--force", assertPassPath(path)], env);
  if (r.code === 0) return true;
  const e = passError(path, r);
  if (e.code === "NOT_FOUND") return false;
  throw e;
}
