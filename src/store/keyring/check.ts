import { type CheckResult, check } from "../../core/doctor.js";
import { isStoreKey, shownName } from "../../core/names.js";
import { AimError } from "../../errors.js";
import { readScope } from "../metadata.js";
import type { StoreProblem } from "../provider.js";
import { duplicatedNames } from "./duplicates.js";
import { keyringError, linuxBusProblem } from "./keyring.js";

// aim doctor on the OS keyring: the D-Bus session, a real round trip to the Secret Service,
// and what the service's entries look like to aim. Only entry names are read, never a value.

type Env = NodeJS.ProcessEnv;

const BUS_FIX =
  "log in to a desktop session, or run aim inside dbus-run-session with gnome-keyring-daemon --unlock; or use the vault: export AIM_BACKEND=file";
const KEYS_FIX =
  "run aim inside your desktop session (DBUS_SESSION_BUS_ADDRESS set), or: dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock; aim …'";

/** A real round trip: one findCredentials on the service, errors classified like every command's. */
export async function probeKeyring(service: string, env: Env): Promise<StoreProblem | undefined> {
  const bus = linuxBusProblem(env);
  if (bus) return { code: "KEYRING_UNAVAILABLE", message: bus, hint: BUS_FIX };
  try {
    const lib = await import("@napi-rs/keyring");
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("Failed to connect: no answer within 5 s")), 5_000).unref(),
    );
    await Promise.race([lib.findCredentialsAsync(service), timeout]);
    return undefined;
  } catch (err) {
    const e = err instanceof AimError ? err : keyringError(err);
    return { code: e.code, message: e.message, hint: e.hint ?? "" };
  }
}

/** The D-Bus session and the Secret Service, then the service's entries. */
export async function keyringChecks(service: string, env: Env, used: boolean, problem: StoreProblem | undefined): Promise<CheckResult[]> {
  const bus = linuxBusProblem(env);
  const dbus =
    process.platform !== "linux"
      ? check("dbus", "D-Bus session", "skip", "not Linux: the keyring is the system's own")
      : bus
        ? check("dbus", "D-Bus session", used ? "fail" : "warn", bus, BUS_FIX)
        : check(
            "dbus",
            "D-Bus session",
            "ok",
            env.DBUS_SESSION_BUS_ADDRESS ? `DBUS_SESSION_BUS_ADDRESS=${env.DBUS_SESSION_BUS_ADDRESS}` : `${env.XDG_RUNTIME_DIR}/bus`,
          );
  const keyring = !problem
    ? check("keyring", "Secret Service", "ok", `answers, and its default collection is unlocked (service "${service}")`)
    : bus
      ? check("keyring", "Secret Service", used ? "fail" : "skip", "not probed: no D-Bus session", used ? BUS_FIX : undefined)
      : check("keyring", "Secret Service", used ? "fail" : "warn", problem.message, problem.hint);
  return [dbus, keyring, ...(await entryChecks(service, env, problem))];
}

/**
 * What the keyring's entries look like to aim: names other programs wrote that aim skips,
 * keys held by more than one item (aim takes the most recently modified), and keys aim's
 * metadata places in a keyring that cannot be reached now.
 */
async function entryChecks(service: string, env: Env, problem: StoreProblem | undefined): Promise<CheckResult[]> {
  if (problem) {
    let inKeyring: string[] = [];
    try {
      // Records of the keyring's own scope: what aim stored there.
      inKeyring = Object.keys(readScope(`keyring:${service}`, env));
    } catch {}
    if (inKeyring.length === 0) return [];
    const n = inKeyring.length;
    return [
      check(
        "keyring-keys",
        "keys in the keyring",
        "fail",
        `${inKeyring.join(", ")} ${n > 1 ? "are" : "is"} kept in the OS keyring, which cannot be reached: ${problem.message}`,
        KEYS_FIX,
      ),
    ];
  }
  let found: Array<{ account: string }>;
  try {
    found = await (await import("@napi-rs/keyring")).findCredentialsAsync(service);
  } catch {
    return []; // the keyring check above already says why
  }
  const out = [];
  const twice = duplicatedNames(found.filter((c) => isStoreKey(c.account)));
  if (twice.length > 0) {
    const counts = twice.map((k) => `${k}: ${found.filter((c) => c.account === k).length} items in the keyring`);
    out.push(
      check(
        "duplicates",
        "one item per key",
        "warn",
        `${counts.join("; ")} (another program wrote one); aim uses the most recently modified`,
        "remove the item you do not want with seahorse, or secret-tool clear with its extra attribute (e.g. application)",
      ),
    );
  }
  const foreign = [...new Set(found.filter((c) => !isStoreKey(c.account)).map((c) => c.account))];
  if (foreign.length > 0) {
    out.push(
      check(
        "foreign-names",
        "entry names",
        "warn",
        `skipped, not valid key names (another program wrote them): ${foreign.map(shownName).join(", ")}`,
        "remove them with the program that wrote them, or seahorse",
      ),
    );
  }
  return out;
}
