import { readBackendSetting } from "../store/backend-config.js";
import { sessionBusAddress } from "../store/keyring/session-bus.js";

/**
 * Whether a server started by a GUI client can reach the store: such a client passes almost
 * no environment (the MCP SDK keeps HOME LOGNAME PATH SHELL TERM USER; Claude Desktop, PATH
 * alone). A warning when it cannot, else undefined.
 */
export function storeReachableFromGui(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { setting, source } = readBackendSetting(env);
  if (source === "AIM_BACKEND")
    return `AIM_BACKEND=${setting} is set in this shell only: a server started by a GUI client does not get it and uses ${setting === "file" ? "the keyring" : "the default backend"}; put "backend" in aim's config file instead (see aim doctor)`;
  if (setting === "file" || process.platform !== "linux") return undefined;
  const uid = process.getuid?.();
  if (sessionBusAddress({}, uid)) return undefined;
  return `a server started by a GUI client gets no DBUS_SESSION_BUS_ADDRESS, and there is no session bus at /run/user/${uid}/bus, so the wrapped servers will not reach the keyring: start the client from your desktop session, or use the file vault (backend "file" in aim's config)`;
}
