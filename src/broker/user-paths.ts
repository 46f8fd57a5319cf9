import { lstatSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseDuration } from "../core/duration.js";
import { AimError } from "../errors.js";
import { dataDir } from "../runtime/paths.js";

type Env = NodeJS.ProcessEnv;

/**
 * The per-user broker's private folder: `$XDG_RUNTIME_DIR/aim/broker`, else
 * `$AIM_DATA_DIR/broker`. It holds the control socket, `state.json` (pid, port: no
 * secret) and one folder per shell session with that session's CA certificate.
 */
export const brokerDir = (env: Env = process.env): string =>
  env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, "aim", "broker") : join(dataDir(env), "broker");

export const controlSocket = (env: Env = process.env): string => join(brokerDir(env), "control.sock");
export const stateFile = (env: Env = process.env): string => join(brokerDir(env), "state.json");

/** How long the broker stays up with no shell session and no request: AIM_BROKER_IDLE (`90s`, `30m`), else 30 minutes. */
export function brokerIdleMs(env: Env = process.env): number {
  const raw = env.AIM_BROKER_IDLE;
  if (raw === undefined || raw === "") return 30 * 60_000;
  const ms = parseDuration(raw);
  if (ms === undefined)
    throw new AimError("USAGE", `AIM_BROKER_IDLE is ${JSON.stringify(raw.slice(0, 40))}, not a duration`, {
      hint: "set it to a number of seconds or a duration such as 90s, 30m or 4h, or unset it (30m)",
    });
  return ms;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, "0")}`;

/**
 * Refuses a folder that another user could reach into (made first by someone else, a
 * symlink, open to others): whoever can write there could listen in the broker's place
 * and receive the keys. False when it does not exist.
 */
export function brokerDirIsOurs(dir: string): boolean {
  if (process.platform === "win32") return true;
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (!st) return false;
  const fix = `remove it and run the command again: rm -rf '${dir}'`;
  const refuse = (why: string) => new AimError("IO", `${dir} ${why}: aim keeps no broker there`, { hint: fix });
  if (st.isSymbolicLink()) throw refuse("is a symbolic link");
  if (!st.isDirectory()) throw refuse("is not a folder");
  if (st.uid !== process.getuid?.()) throw refuse(`belongs to another user (uid ${st.uid})`);
  if ((st.mode & 0o077) !== 0) throw refuse(`is open to other users (mode ${octal(st.mode)})`);
  return true;
}

/** Creates the folder (and `$XDG_RUNTIME_DIR/aim`) mode 0700, then checks them as above. */
export function ensureBrokerDir(env: Env = process.env): string {
  const dir = brokerDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // $XDG_RUNTIME_DIR/aim is aim's too: one made by someone else could have the folder swapped.
  if (env.XDG_RUNTIME_DIR) brokerDirIsOurs(join(dir, ".."));
  brokerDirIsOurs(dir);
  return dir;
}
