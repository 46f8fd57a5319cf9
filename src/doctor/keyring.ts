import { check } from "../core/doctor.js";
import { AimError } from "../errors.js";
import { keyringError, linuxBusProblem } from "../store/keyring/keyring.js";
import { keyringService } from "../runtime/paths.js";
import type { DoctorCheck, DoctorContext } from "./context.js";

const BUS_FIX =
  "log in to a desktop session, or run aim inside dbus-run-session with gnome-keyring-daemon --unlock; or use the vault: export AIM_BACKEND=file";

/** A real round trip: one findCredentials on aim's service, errors classified like every command's. */
export async function probeKeyring(env: NodeJS.ProcessEnv): Promise<DoctorContext["keyringProblem"]> {
  const bus = linuxBusProblem(env);
  if (bus) return { code: "KEYRING_UNAVAILABLE", message: bus, hint: BUS_FIX };
  try {
    const lib = await import("@napi-rs/keyring");
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("Failed to connect: no answer within 5 s")), 5_000).unref(),
    );
    await Promise.race([lib.findCredentialsAsync(keyringService(env)), timeout]);
    return undefined;
  } catch (err) {
    const e = err instanceof AimError ? err : keyringError(err);
    return { code: e.code, message: e.message, hint: e.hint ?? "" };
  }
}

export const keyringChecks: DoctorCheck = async ({ env, choice, keyringProblem }) => {
  const used = choice.backend === "keyring";
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
  const service = keyringService(env);
  const keyring = !keyringProblem
    ? check("keyring", "Secret Service", "ok", `answers, and its default collection is unlocked (service "${service}")`)
    : bus
      ? check("keyring", "Secret Service", used ? "fail" : "skip", "not probed: no D-Bus session", used ? BUS_FIX : undefined)
      : check("keyring", "Secret Service", used ? "fail" : "warn", keyringProblem.message, keyringProblem.hint);
  return [dbus, keyring];
};
