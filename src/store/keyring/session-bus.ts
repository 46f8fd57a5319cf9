import { existsSync } from "node:fs";

/**
 * The D-Bus session bus address, found as libdbus and sd-bus find it: DBUS_SESSION_BUS_ADDRESS,
 * else the socket at $XDG_RUNTIME_DIR/bus, else /run/user/UID/bus (systemd's user bus). A
 * server started by a GUI client gets none of these variables (Claude Desktop passes PATH
 * alone), and the socket is still there. Undefined when there is no bus to be found.
 */
export function sessionBusAddress(
  env: NodeJS.ProcessEnv = process.env,
  uid: number | undefined = process.getuid?.(),
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  if (env.DBUS_SESSION_BUS_ADDRESS) return env.DBUS_SESSION_BUS_ADDRESS;
  for (const dir of [env.XDG_RUNTIME_DIR, uid === undefined ? undefined : `/run/user/${uid}`]) {
    if (dir && exists(`${dir}/bus`)) return `unix:path=${dir}/bus`;
  }
  return undefined;
}

/**
 * Sets DBUS_SESSION_BUS_ADDRESS from the fallback when it is unset, so that the keyring
 * library (which looks at the variable) reaches the bus that libdbus would have found.
 */
export function adoptSessionBus(env: NodeJS.ProcessEnv = process.env): void {
  if (process.platform !== "linux" || env.DBUS_SESSION_BUS_ADDRESS) return;
  const address = sessionBusAddress(env);
  if (address) env.DBUS_SESSION_BUS_ADDRESS = address;
}
