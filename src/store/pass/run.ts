import { spawn } from "node:child_process";
import { readlinkSync } from "node:fs";
import { isatty } from "node:tty";
import { AimError } from "../../errors.js";
import { mayPrompt } from "../../runtime/prompt-policy.js";

type Env = NodeJS.ProcessEnv;
type NoPinentry = "forbidden" | "no terminal" | undefined;

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why gpg was told to fail rather than start a pinentry, if it was. */
  noPinentry: NoPinentry;
}

/** The terminal aim was started on (stdin or stderr), by name, for a pinentry to ask on. */
function terminalName(): string | undefined {
  for (const fd of [0, 2]) {
    if (!isatty(fd)) continue;
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return undefined; // not Linux: gpg finds the terminal itself, or fails
    }
  }
  return undefined;
}

/**
 * The environment `pass` runs gpg in. Status lines (--status-fd) tell a locked key from a
 * store encrypted to others in any locale. A pinentry may ask only where someone can answer:
 * on aim's terminal, or a desktop's dialog. Otherwise (the shell hook, `secrets get --show`,
 * the library, no terminal and no display) gpg must fail at once: a pinentry that found no
 * one would hang the command, or the prompt at a cd.
 */
function gpgEnv(env: Env): { env: Env; noPinentry: NoPinentry } {
  const tty = env.GPG_TTY || terminalName();
  const display = Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  const noPinentry = tty === undefined && !display ? "no terminal" : !mayPrompt() ? "forbidden" : undefined;
  const opts = [env.PASSWORD_STORE_GPG_OPTS, "--status-fd=2", ...(noPinentry ? ["--pinentry-mode", "error"] : [])];
  return {
    env: { ...env, PASSWORD_STORE_GPG_OPTS: opts.filter(Boolean).join(" "), ...(tty ? { GPG_TTY: tty } : {}) },
    noPinentry,
  };
}

/** Runs `pass ARGS`, a value only ever on stdin or stdout. */
export function runPass(args: string[], env: Env, input?: string): Promise<Ran> {
  const gpg = gpgEnv(env);
  return new Promise((resolve, reject) => {
    const child = spawn("pass", args, { env: gpg.env, stdio: ["pipe", "pipe", "pipe"] });
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
      resolve({
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        noPinentry: gpg.noPinentry,
      }),
    );
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });
}

const status = (r: Ran, word: string) => new RegExp(`^\\[GNUPG:\\] ${word}\\b`, "m").test(r.stderr);

/** pass's and gpg's complaint turned into one line of aim's own, with the fix. Never echoes their text. */
export function passError(path: string, r: Ran): AimError {
  const e = r.stderr;
  // pass's own words (pass is not translated); gpg's come as status lines.
  if (/is not in the password store/.test(e))
    return new AimError("NOT_FOUND", `pass:${path} is not in the password store`, { hint: `add it with: aim secrets set pass:${path}` });
  if (/Error: You must run:|password store is empty|Try "pass init"/.test(e)) {
    return new AimError("PASS", "the password store is not initialised", { hint: "run: pass init <your GPG key id>" });
  }
  if (status(r, "DECRYPTION_FAILED")) {
    // gpg considers a key only when it holds its secret part: then the key is there but locked.
    if (status(r, "KEY_CONSIDERED")) {
      const why = r.noPinentry === "no terminal" ? " (no terminal to ask on)" : r.noPinentry ? " without asking for its passphrase" : "";
      return new AimError("PASS", `gpg could not unlock your key for pass:${path}${why}`, {
        hint: `unlock it once in a terminal: pass show ${path} >/dev/null (gpg-agent then keeps it unlocked), or use a key without a passphrase for CI`,
      });
    }
    return new AimError("PASS", `pass:${path} is not encrypted to a GPG key of yours`, {
      hint: "ask whoever shares the store to add your key: pass init -p <folder> <ids…>",
    });
  }
  if (status(r, "INV_RECP") || status(r, "FAILURE encrypt")) {
    return new AimError("PASS", `gpg cannot encrypt pass:${path} to the store's recipients`, {
      hint: "check the keys in the store's .gpg-id: gpg --list-keys",
    });
  }
  return new AimError("PASS", `pass failed for pass:${path} (exit ${r.code})`, { hint: `see what it says: pass show ${path} >/dev/null` });
}
