import { AimError } from "../../errors.js";

type DBus = typeof import("dbus-next");

/** The few methods of org.freedesktop.Secret.Service used here (dbus-next builds them from introspection). */
interface SecretService {
  OpenSession(algorithm: string, input: unknown): Promise<[unknown, string]>;
  SearchItems(attributes: Record<string, string>): Promise<[string[], string[]]>;
  GetSecrets(items: string[], session: string): Promise<Record<string, [string, Buffer, Buffer, string]>>;
}
/** The methods of org.freedesktop.Secret.Item used to write and delete. */
interface SecretItem {
  SetSecret(secret: [string, Buffer, Buffer, string]): Promise<void>;
  Delete(): Promise<string>;
}

/** The trailing number of an item's object path (gnome-keyring numbers items as it creates them). */
const serial = (path: string): number => Number(path.match(/(\d+)$/)?.[1] ?? -1);
interface Properties {
  Get(iface: string, name: string): Promise<{ value: unknown }>;
}

/**
 * Another program can write a second item for a key aim wrote (Python's keyring adds its own
 * `application` attribute, so the Secret Service keeps both). The keyring library cannot
 * tell them apart, so for such keys aim asks the Secret Service itself, over D-Bus, and
 * takes the most recently modified item: the value the user set last, whoever wrote it.
 * Loaded only when a search found a key twice. Ties (the times are in seconds) go to the
 * item created last.
 */
export async function newestOf(service: string, keys: readonly string[]): Promise<Map<string, string>> {
  return withService(service, keys, "read which is newest", async ({ secrets, session, bus }) => {
    const out = new Map<string, string>();
    for (const key of keys) {
      const newest = (await itemsOf(bus, secrets, service, key))[0];
      if (!newest) continue;
      const got = await secrets.GetSecrets([newest], session);
      const value = got[newest]?.[2];
      if (value) out.set(key, Buffer.from(value).toString("utf8"));
    }
    return out;
  });
}

/** Writes `value` into the newest of the key's items: the one every read takes. Returns false when the key has no item. */
export async function setNewest(service: string, key: string, value: string): Promise<boolean> {
  return withService(service, [key], "write the newest of them", async ({ secrets, session, bus }) => {
    const newest = (await itemsOf(bus, secrets, service, key))[0];
    if (!newest) return false;
    const item = (await bus.getProxyObject("org.freedesktop.secrets", newest)).getInterface("org.freedesktop.Secret.Item");
    await (item as unknown as SecretItem).SetSecret([session, Buffer.alloc(0), Buffer.from(value, "utf8"), "text/plain"]);
    return true;
  });
}

/** Deletes every item of the key (aim's and the other program's): the key is gone. Returns whether there was one. */
export async function deleteAll(service: string, key: string): Promise<boolean> {
  return withService(service, [key], "delete them", async ({ secrets, bus }) => {
    const paths = await itemsOf(bus, secrets, service, key);
    for (const path of paths) {
      const item = (await bus.getProxyObject("org.freedesktop.secrets", path)).getInterface("org.freedesktop.Secret.Item");
      await (item as unknown as SecretItem).Delete();
    }
    return paths.length > 0;
  });
}

interface Connection {
  bus: import("dbus-next").MessageBus;
  secrets: SecretService;
  session: string;
}

/** Runs `work` on a Secret Service connection; a failure is one plain sentence, never the library's text. */
async function withService<T>(service: string, keys: readonly string[], doing: string, work: (c: Connection) => Promise<T>): Promise<T> {
  const dbus: DBus = await import("dbus-next");
  // The same bus the keyring library finds: the address, else the systemd user bus.
  const { DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtime } = process.env;
  const bus = dbus.sessionBus(address ? {} : runtime ? { busAddress: `unix:path=${runtime}/bus` } : {});
  try {
    const obj = await bus.getProxyObject("org.freedesktop.secrets", "/org/freedesktop/secrets");
    const secrets = obj.getInterface("org.freedesktop.Secret.Service") as unknown as SecretService;
    // The session bus is local and private to this login: "plain" is what libsecret falls back to.
    const [, session] = await secrets.OpenSession("plain", new dbus.Variant("s", ""));
    return await work({ bus, secrets, session });
  } catch (err) {
    throw new AimError(
      "KEYRING_FAILED",
      `the keyring holds more than one item for ${keys.join(", ")} (service "${service}"), and aim could not ${doing}: ${(err as Error).message}`,
      {
        hint: `remove the older item with seahorse or secret-tool, then run the command again`,
        cause: err,
      },
    );
  } finally {
    bus.disconnect();
  }
}

/** The key's unlocked items, newest first: by modification, then creation (both in seconds), then creation order. */
async function itemsOf(bus: import("dbus-next").MessageBus, secrets: SecretService, service: string, key: string): Promise<string[]> {
  const [unlocked] = await secrets.SearchItems({ service, username: key });
  const dated = await Promise.all(unlocked.map(async (path) => ({ path, ...(await times(bus, path)) })));
  dated.sort((a, b) => b.modified - a.modified || b.created - a.created || serial(b.path) - serial(a.path));
  return dated.map((d) => d.path);
}

async function times(bus: import("dbus-next").MessageBus, path: string): Promise<{ modified: number; created: number }> {
  const item = await bus.getProxyObject("org.freedesktop.secrets", path);
  const props = item.getInterface("org.freedesktop.DBus.Properties") as unknown as Properties;
  const get = async (name: string) => Number((await props.Get("org.freedesktop.Secret.Item", name)).value);
  return { modified: await get("Modified"), created: await get("Created") };
}

/** Keys the service holds more than once, for aim doctor (names only). */
export function duplicatedNames(found: ReadonlyArray<{ account: string }>): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { account } of found) (seen.has(account) ? twice : seen).add(account);
  return [...twice].sort();
}
