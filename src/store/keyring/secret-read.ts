import { connectBus } from "./bus-socket.js";
import { authPreamble, ERROR, type Message, messageLength, methodCall, parseMessage, RETURN, socketPath } from "./dbus-wire.js";

/**
 * Reads keys from the Secret Service over one D-Bus connection, for the read path of aim exec,
 * aim run, the hook and the library (writes stay on the keyring library). The library opens a
 * connection and a Diffie-Hellman session per call on threads of its own (about 37 M
 * instructions of the 165 M an `aim exec` in a 1-key project took); here the messages go out
 * pipelined in three writes: authentication, Hello and a read of the service's Collections
 * property; once that answers, OpenSession and one SearchItems per key; once those answer,
 * one GetSecrets for every item found.
 *
 * Why the property first: gnome-keyring (42 to 50 at least) registers a caller in an idle
 * callback that a filter on its D-Bus thread queues for every incoming message, and must run
 * before the call itself. Now and then the main loop runs the call first (both sources are
 * queued while it is checking its sources), and a caller's first OpenSession then finds no
 * registered caller: an assertion fails and the daemon aborts (g_variant_new on a null
 * value), taking every unlocked collection with it; D-Bus starts it again locked. Concurrent
 * reads hit it within a second (test/e2e/exec/keyring-race.test.ts). libsecret never
 * does, because GDBusProxy reads the properties first. The property read needs no registered
 * caller, is answered from the same main loop, and its answer proves that the registration
 * queued before it has run: the calls that need it are sent only then.
 *
 * The session is "plain", as libsecret allows: the secret crosses the session bus, a unix
 * socket that only this user can reach (the bus daemon checks the uid), to the process that
 * asked; the encrypted session protects it from the bus daemon alone, which relays every
 * message of this login anyway. Its cost: node:crypto's start-up and a 1024-bit
 * Diffie-Hellman on both sides (bench/README.md, "Keyring path", has the figures).
 *
 * Anything it does not handle is a `fallback` with the reason (no values in it), and the
 * caller asks the keyring library instead: a locked item or collection (that needs Unlock and
 * a prompt), two items for one key, a value that is not UTF-8, an error reply, a bus that does
 * not answer within the deadline.
 */
export type DirectRead = { values: Map<string, string> } | { fallback: string };

const SECRETS = { destination: "org.freedesktop.secrets", interface: "org.freedesktop.Secret.Service" };
// Generous: a bus that answers at all answers in milliseconds, but a daemon being started by
// D-Bus activation, a loaded machine or valgrind can take seconds, and the library waits as long.
const DEADLINE_MS = 5000;

/** The serial of the Collections property read, after the other calls' (see firstCalls). */
const guardSerial = (keys: readonly string[]): number => 4 + keys.length;

/** Sent with the authentication: Hello (serial 1) and the property read that must answer first. */
function greeting(keys: readonly string[]): Buffer[] {
  return [
    methodCall({
      serial: 1,
      destination: "org.freedesktop.DBus",
      path: "/org/freedesktop/DBus",
      interface: "org.freedesktop.DBus",
      member: "Hello",
    }),
    methodCall({
      serial: guardSerial(keys),
      destination: SECRETS.destination,
      path: "/org/freedesktop/secrets",
      interface: "org.freedesktop.DBus.Properties",
      member: "Get",
      signature: "ss",
      body: [SECRETS.interface, "Collections"],
    }),
  ];
}

/** Sent once the property read answered: OpenSession (serial 2), then SearchItems (3 + the key's index). */
function firstCalls(service: string, keys: readonly string[]): Buffer[] {
  return [
    methodCall({
      serial: 2,
      ...SECRETS,
      path: "/org/freedesktop/secrets",
      member: "OpenSession",
      signature: "sv",
      body: ["plain", { signature: "s", value: "" }],
    }),
    // The attributes @napi-rs/keyring writes and searches by (check: secret-tool search --all service S).
    ...keys.map((key, i) =>
      methodCall({
        serial: 3 + i,
        ...SECRETS,
        path: "/org/freedesktop/secrets",
        member: "SearchItems",
        signature: "a{ss}",
        body: [
          [
            ["service", service],
            ["username", key],
          ],
        ],
      }),
    ),
  ];
}

/** What the replies to the first calls say: the session and each key's one item, or why not. */
export function planFromReplies(
  keys: readonly string[],
  replies: Map<number, Message>,
): { session: string; items: Map<string, string> } | string {
  const open = replies.get(2);
  if (open?.signature !== "vo") return "OpenSession's reply has an unexpected shape";
  const items = new Map<string, string>();
  for (const [i, key] of keys.entries()) {
    const found = replies.get(3 + i);
    if (found?.signature !== "aoao") return "SearchItems's reply has an unexpected shape";
    const [unlocked, locked] = found.body as [string[], string[]];
    if (locked.length > 0) return "an item is locked";
    if (unlocked.length > 1) return "a key has more than one item";
    if (unlocked[0] !== undefined) items.set(key, unlocked[0]);
  }
  return { session: open.body[1] as string, items };
}

/** Each key's value from GetSecrets's reply, or why not. */
export function valuesFromSecrets(items: Map<string, string>, reply: Message): Map<string, string> | string {
  if (reply.signature !== "a{o(oayays)}") return "GetSecrets's reply has an unexpected shape";
  const byPath = new Map((reply.body[0] as [string, [string, Buffer, Buffer, string]][]).map(([path, secret]) => [path, secret]));
  const values = new Map<string, string>();
  for (const [key, path] of items) {
    const secret = byPath.get(path);
    if (!secret) return "an item was not returned (locked or deleted meanwhile)";
    const [, params, bytes] = secret;
    if (params.length > 0) return "the secret came encrypted";
    const text = bytes.toString("utf8");
    // The library refuses a value that is not UTF-8: let it say so, as before.
    if (!Buffer.from(text, "utf8").equals(bytes)) return "a value is not UTF-8";
    values.set(key, text);
    bytes.fill(0);
  }
  return values;
}

/** Reads `keys` of `service` from the Secret Service on the bus at `address`. */
export function readDirect(
  address: string,
  service: string,
  keys: readonly string[],
  uid: number,
  deadlineMs = DEADLINE_MS,
): Promise<DirectRead> {
  const path = socketPath(address);
  if (path === undefined) return Promise.resolve({ fallback: "the bus address is not a unix socket" });
  return new Promise((resolve) => {
    let pending = Buffer.alloc(0);
    // Every buffer that held reply bytes, to be zeroed at the end: the replies hold the values.
    const held: Buffer[] = [];
    let authed = false;
    let done = false;
    const replies = new Map<number, Message>();
    let plan: { session: string; items: Map<string, string> } | undefined;
    const finish = (out: DirectRead) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      for (const b of held) b.fill(0);
      resolve(out);
    };
    const timer = setTimeout(() => finish({ fallback: `no answer within ${deadlineMs} ms` }), deadlineMs);
    const socket = connectBus(path, {
      end: (code) =>
        finish({ fallback: code === "EOF" || code === "closed" ? "the bus closed the connection" : `the bus cannot be reached (${code})` }),
      data: (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        held.push(chunk, pending);
        try {
          if (!authed) {
            const eol = pending.indexOf("\r\n");
            if (eol < 0) return;
            if (!pending.subarray(0, eol).toString("latin1").startsWith("OK "))
              return finish({ fallback: "the bus refused the authentication" });
            authed = true;
            pending = pending.subarray(eol + 2);
          }
          for (let len = messageLength(pending); len !== undefined; len = messageLength(pending)) {
            const out = onMessage(parseMessage(pending.subarray(0, len)));
            pending = pending.subarray(len);
            if (out) return finish(out);
          }
        } catch {
          finish({ fallback: "a reply could not be read" });
        }
      },
    });
    socket.write(Buffer.concat([authPreamble(uid), ...greeting(keys)]));
    const onMessage = (msg: Message): DirectRead | undefined => {
      if (msg.replySerial === undefined || (msg.type !== RETURN && msg.type !== ERROR)) return undefined;
      if (msg.type === ERROR) return { fallback: `the bus answered ${errorName(msg)}` };
      if (msg.replySerial === guardSerial(keys)) {
        socket.write(Buffer.concat(firstCalls(service, keys)));
        return undefined;
      }
      replies.set(msg.replySerial, msg);
      if (plan) return msg.replySerial === 3 + keys.length ? settle(valuesFromSecrets(plan.items, msg)) : undefined;
      if (replies.size < 2 + keys.length) return undefined;
      const planned = planFromReplies(keys, replies);
      if (typeof planned === "string") return { fallback: planned };
      if (planned.items.size === 0) return { values: new Map() };
      plan = planned;
      const getSecrets = methodCall({
        serial: 3 + keys.length,
        ...SECRETS,
        path: "/org/freedesktop/secrets",
        member: "GetSecrets",
        signature: "aoo",
        body: [[...planned.items.values()], planned.session],
      });
      socket.write(getSecrets);
      return undefined;
    };
  });
}

const settle = (got: Map<string, string> | string): DirectRead => (typeof got === "string" ? { fallback: got } : { values: got });

/** The error's D-Bus name, reduced to the characters a name may hold (it comes from outside). */
const errorName = (msg: Message): string => (msg.errorName ?? "an error").replace(/[^A-Za-z0-9_.]/g, "").slice(0, 120);
