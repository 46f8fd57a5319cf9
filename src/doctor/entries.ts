import { check } from "../core/doctor.js";
import { isStoreKey, shownName } from "../core/names.js";
import { duplicatedNames } from "../store/keyring/duplicates.js";
import { readScope } from "../store/metadata.js";
import { keyringService } from "../runtime/paths.js";
import type { DoctorCheck } from "./context.js";

const BUS_FIX =
  "run aim inside your desktop session (DBUS_SESSION_BUS_ADDRESS set), or: dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock; aim …'";

/**
 * What the keyring's entries look like to aim: names other programs wrote that aim skips,
 * keys held by more than one item (aim takes the most recently modified), and keys aim's
 * metadata places in a keyring that cannot be reached now.
 */
export const entryChecks: DoctorCheck = async ({ env, keyringProblem }) => {
  if (keyringProblem) {
    let inKeyring: string[] = [];
    try {
      // Records of the keyring's own scope: what aim stored there.
      inKeyring = Object.keys(readScope(`keyring:${keyringService(env)}`, env));
    } catch {}
    if (inKeyring.length === 0) return [];
    const n = inKeyring.length;
    return [
      check(
        "keyring-keys",
        "keys in the keyring",
        "fail",
        `${inKeyring.join(", ")} ${n > 1 ? "are" : "is"} kept in the OS keyring, which cannot be reached: ${keyringProblem.message}`,
        BUS_FIX,
      ),
    ];
  }
  let found: Array<{ account: string }>;
  try {
    found = await (await import("@napi-rs/keyring")).findCredentialsAsync(keyringService(env));
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
};
