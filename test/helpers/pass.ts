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

/** A password store shared by two GPG keys without passphrases, in a throwaway GNUPGHOME. */
export function passStore() {
  const dir = mkdtempSync(join(tmpdir(), "aim-pass-"));
  const gnupg = join(dir, "gnupg");
  mkdirSync(gnupg, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, GNUPGHOME: gnupg, PASSWORD_STORE_DIR: join(dir, "store") };
  const ids = ["alice", "bob"].map((n) => {
    run("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", `${n} <${n}@example.test>`, "default", "default", "never"], env);
    return `${n}@example.test`;
  });
  run("pass", ["init", ...ids], env);
  const stop = () => spawnSync("gpgconf", ["--kill", "gpg-agent"], { env });
  return { dir, env, ids, stop };
}
