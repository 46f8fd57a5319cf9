import { spawn } from "node:child_process";
import { AimError } from "../errors.js";

type Env = NodeJS.ProcessEnv;

// The standard Unix password store (`pass`): GPG-encrypted files, one per path, shared
// through git. aim runs `pass` itself so that PASSWORD_STORE_DIR, the GPG agent and
// pass's own extensions behave as the user set them up. Only the path travels on argv;
// a value goes in through stdin and comes out through stdout.

const PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_@%+=:,./-]+$/;

export function assertPassPath(path: string): string {
  if (!PATH.test(path) || path.startsWith("/") || path.startsWith("-")) {
    throw new AimError("PASS", `pass:${path} is not a password-store path`, {
      hint: "use a relative path of letters, digits and /._-@+=:, e.g. pass:work/openai",
    });
  }
  return path;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runPass(args: string[], env: Env, input?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    // No terminal for pinentry: a locked key must fail, not hang the command or the hook.
    const child = spawn("pass", args, { env: { ...env, GPG_TTY: env.GPG_TTY ?? "" }, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "ENOENT"
          ? new AimError("PASS", "pass is not installed (needed for pass: references)", {
              hint: "install it: apt install pass (brew install pass)",
            })
          : new AimError("PASS", `cannot run pass: ${e.code ?? e.message}`, { cause: e }),
      ),
    );
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });
}

/** pass's and gpg's complaint turned into one line of aim's own, with the fix. Never echoes their text. */
function passError(path: string, r: Ran): AimError {
  const e = r.stderr;
  if (/is not in the password store/.test(e))
    return new AimError("NOT_FOUND", `pass:${path} is not in the password store`, { hint: `add it with: aim secrets set pass:${path}` });
  if (/Error: You must run:|password store is empty|Try "pass init"/.test(e)) {
    return new AimError("PASS", "the password store is not initialised", { hint: "run: pass init <your GPG key id>" });
  }
  if (/No secret key|decryption failed: No secret key/.test(e)) {
    return new AimError("PASS", `pass:${path} is not encrypted to a GPG key of yours`, {
      hint: "ask whoever shares the store to add your key: pass init -p <folder> <ids…>",
    });
  }
  if (/pinentry|Inappropriate ioctl|No such file or directory.*tty|Operation cancelled|Timeout|public key decryption failed/i.test(e)) {
    return new AimError("PASS", `gpg could not unlock your key for pass:${path} (no terminal to ask on)`, {
      hint: `unlock it once in a terminal: pass show ${path} >/dev/null, or use a key without a passphrase for CI`,
    });
  }
  if (/No public key|unusable public key|encryption failed/i.test(e)) {
    return new AimError("PASS", `gpg cannot encrypt pass:${path} to the store's recipients`, {
      hint: "check the keys in the store's .gpg-id: gpg --list-keys",
    });
  }
  return new AimError("PASS", `pass failed for pass:${path} (exit ${r.code})`, { hint: `see what it says: pass show ${path} >/dev/null` });
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

/** For aim doctor: is pass installed and its store usable? */
export async function passCheck(env: Env = process.env): Promise<{ ok: boolean; detail: string }> {
  try {
    const r = await runPass(["ls"], env);
    if (r.code === 0) return { ok: true, detail: `pass works (store ${env.PASSWORD_STORE_DIR ?? "~/.password-store"})` };
    return { ok: false, detail: passError("", r).hint ?? "pass ls failed" };
  } catch (err) {
    return { ok: false, detail: err instanceof AimError ? `${err.message}; ${err.hint}` : String(err) };
  }
}
