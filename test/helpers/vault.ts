import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Decrypter } from "age-encryption";
import { TEST_PASSPHRASE } from "./cli.js";

export const vaultFile = (env: NodeJS.ProcessEnv): string => join(env.AIM_DATA_DIR as string, "vault.age");

/** Decrypts a vault with the reference JS implementation and parses its JSON. */
export async function readVault(path: string, passphrase = TEST_PASSPHRASE): Promise<Record<string, string>> {
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  return JSON.parse(await d.decrypt(readFileSync(path), "text"));
}

/**
 * Runs Debian's age(1), which reads passphrases from the terminal only (no env var, no
 * stdin): `script` gives it a pseudo-terminal and feeds it `lines` as typed input.
 */
export function ageCli(args: string[], lines: string[]): { code: number | null; out: string } {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("script", ["-qec", `age ${quoted}`, "/dev/null"], {
    input: lines.map((l) => `${l}\n`).join(""),
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.error) throw new Error(`script(1) or age(1) is missing: ${r.error.message} (apt-get install age bsdutils)`);
  return { code: r.status, out: r.stdout };
}
