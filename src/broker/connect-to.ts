import { normalHost } from "../core/hosts.js";
import { AimError } from "../errors.js";

/** HOST:PORT → where the broker connects instead (curl's --connect-to; TLS is still verified for HOST). */
export type ConnectTo = ReadonlyMap<string, { host: string; port: number }>;

const PORT = /^[0-9]{1,5}$/;
const validPort = (p: string) => PORT.test(p) && Number(p) > 0 && Number(p) < 65536;

/** Parses `HOST:PORT:ADDR:PORT[,…]`; an IPv6 address stands in brackets. Throws AimError naming the bad entry. */
export function parseConnectTo(text: string | undefined): ConnectTo {
  const map = new Map<string, { host: string; port: number }>();
  for (const entry of (text ?? "").split(",").map((s) => s.trim())) {
    if (!entry) continue;
    const m = entry.match(/^(\[[^\]]+\]|[^:[\]]+):([0-9]+):(\[[^\]]+\]|[^:[\]]+):([0-9]+)$/);
    if (!m || !validPort(m[2] as string) || !validPort(m[4] as string)) {
      throw new AimError("USAGE", `AIM_BROKER_CONNECT_TO: ${JSON.stringify(entry)} is not HOST:PORT:ADDR:PORT`, {
        hint: "e.g. AIM_BROKER_CONNECT_TO=api.openai.com:443:127.0.0.1:8443 (entries separated by commas)",
      });
    }
    map.set(`${normalHost(m[1] as string)}:${Number(m[2])}`, { host: normalHost(m[3] as string), port: Number(m[4]) });
  }
  return map;
}
