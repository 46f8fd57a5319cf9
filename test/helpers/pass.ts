import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv, input = "") => {
  const r = spawnSync(cmd, args, { env, input, encoding: "utf8" });
  if (r.error) throw new Error(`${cmd} is needed for the pass tests (apt install pass gnupg): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
};

/**
 * A password store in a throwaway GNUPGHOME, shared by GPG keys without passphrases (alice
 * and bob, or `keys`), or with `passphrase`, one key that has it, which gpg-agent does not hold.
 */
export function passStore(opts: { passphrase?: string; keys?: string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "aim-pass-"));
  const gnupg = join(dir, "gnupg");
  mkdirSync(gnupg, { mode: 0o700 });
  // What a test's sandbox adds (sandbox(store.vars)). `env` is the whole environment for
  // running gpg and pass here: handed to sandbox() it would also carry the runner's own
  // AIM_KEYRING_SERVICE over the sandbox's, and one file's keys would show in the next.
  const vars: NodeJS.ProcessEnv = { GNUPGHOME: gnupg, PASSWORD_STORE_DIR: join(dir, "store") };
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars };
  const secret = opts.passphrase === undefined ? ["--passphrase", ""] : ["--pinentry-mode", "loopback", "--passphrase", opts.passphrase];
  const ids = (opts.keys ?? (opts.passphrase === undefined ? ["alice", "bob"] : ["carol"])).map((n) => {
    run("gpg", ["--batch", ...secret, "--quick-gen-key", `${n} <${n}@example.test>`, "default", "default", "never"], env);
    return `${n}@example.test`;
  });
  run("pass", ["init", ...ids], env);
  const stop = () => spawnSync("gpgconf", ["--kill", "gpg-agent"], { env });
  /** `pass insert`: encrypting needs no passphrase. */
  const insert = (path: string, value: string) => run("pass", ["insert", "--multiline", "--force", path], env, `${value}\n`);
  /** Unlocks the key in gpg-agent, as `pass show` in a terminal would (the passphrase through loopback). */
  const unlock = (path: string) =>
    run(
      "gpg",
      ["--batch", "--pinentry-mode", "loopback", "--passphrase", opts.passphrase ?? "", "-d", join(dir, "store", `${path}.gpg`)],
      env,
    );
  return { dir, env, vars, ids, stop, insert, unlock };
}
