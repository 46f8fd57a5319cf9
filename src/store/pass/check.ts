import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CheckResult, check } from "../../core/doctor.js";
import { AimError } from "../../errors.js";
import { passwordStoreDir as storeDir } from "./pass.js";
import { passError, runPass } from "./run.js";

type Env = NodeJS.ProcessEnv;

// aim doctor on the password store: pass and its store, then whether you hold a secret key
// of the store's recipients, and whether gpg-agent can use it with no one to ask (the hook
// and key helpers never let a pinentry ask). Only key ids and keygrips are read, never a value.

function run(cmd: string, args: string[], env: Env): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
    child.on("error", () => resolve({ code: null, stdout: "" }));
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

/** The keygrips of the encryption keys of `id` whose secret part gpg holds; empty when none. */
async function encryptionGrips(id: string, env: Env): Promise<string[]> {
  const r = await run("gpg", ["--batch", "--with-colons", "--with-keygrip", "--list-secret-keys", "--", id], env);
  if (r.code !== 0) return [];
  const grips: string[] = [];
  let encrypts = false;
  for (const f of r.stdout.split("\n").map((l) => l.split(":"))) {
    // sec/ssb field 12 holds the key's own capabilities (lower case); its grp line follows.
    if (f[0] === "sec" || f[0] === "ssb") encrypts = (f[11] ?? "").includes("e");
    else if (f[0] === "grp" && encrypts && f[9]) grips.push(f[9]);
  }
  return grips;
}

/** Keygrips whose key needs a passphrase that gpg-agent does not hold now. */
async function lockedGrips(env: Env): Promise<Set<string>> {
  const r = await run("gpg-connect-agent", ["KEYINFO --list", "/bye"], env);
  const locked = new Set<string>();
  for (const t of r.stdout.split("\n").map((l) => l.split(" "))) {
    // S KEYINFO <grip> <type> <serial> <idstr> <cached> <protection> …
    if (t[1] === "KEYINFO" && t[2] && t[7] === "P" && t[6] !== "1") locked.add(t[2]);
  }
  return locked;
}

async function keyCheck(env: Env): Promise<CheckResult | undefined> {
  let ids: string[];
  try {
    ids = readFileSync(join(storeDir(env), ".gpg-id"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
  } catch {
    return undefined; // pass ls has said what is wrong with the store
  }
  const held = (await Promise.all(ids.map(async (id) => ({ id, grips: await encryptionGrips(id, env) })))).filter((k) => k.grips.length);
  if (held.length === 0) {
    return check(
      "pass-key",
      "password store key",
      "fail",
      `you hold the secret key of none of the store's recipients (${ids.join(", ")})`,
      "ask whoever shares the store to add your key: pass init -p <folder> <ids…>",
    );
  }
  const locked = await lockedGrips(env);
  const mine = held.find((k) => !k.grips.every((g) => locked.has(g)));
  if (!mine) {
    return check(
      "pass-key",
      "password store key",
      "warn",
      `your key for ${held[0]?.id} needs its passphrase, and gpg-agent does not hold it: the shell hook and commands with no terminal cannot read pass: keys`,
      "unlock it in a terminal: pass show PATH >/dev/null (gpg-agent then keeps it unlocked)",
    );
  }
  return check("pass-key", "password store key", "ok", `your secret key for ${mine.id} is here`);
}

/** For aim doctor, where the user has a password store: is pass usable, and your key? */
export async function passChecks(env: Env = process.env): Promise<CheckResult[]> {
  const dir = storeDir(env);
  let r;
  try {
    r = await runPass(["ls"], env);
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    return [check("pass", "password store", "fail", err.message, err.hint)];
  }
  if (r.code !== 0) {
    const e = passError("", r);
    return [check("pass", "password store", "fail", `${dir}: ${e.message}`, e.hint)];
  }
  const key = await keyCheck(env);
  return [check("pass", "password store", "ok", `pass works (store ${dir})`), ...(key ? [key] : [])];
}
