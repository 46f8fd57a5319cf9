// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
// The D-Bus wire format of the direct Secret Service read, on exact bytes: the calls it
// sends (checked against literal bytes and against dbus-next's marshaller, a full D-Bus
// implementation), the replies it reads in both byte orders, and what it makes of them.
import { createRequire } from "node:module";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { authPreamble, type Message, messageLength, methodCall, parseMessage, socketPath } from "../../../src/store/keyring/dbus-wire.js";
import { planFromReplies, valuesFromSecrets } from "../../../src/store/keyring/secret-read.js";

const require = createRequire(import.meta.url);
// dbus-next's own constants must load before its message module (a cycle in the package).
require("dbus-next");
const oracle = require("dbus-next/lib/message") as { marshall: (m: object) => [Buffer] };

const SECRETS = { destination: "org.freedesktop.secrets", path: "/org/freedesktop/secrets", interface: "org.freedesktop.Secret.Service" };
const hex = (b: Buffer) => b.toString("hex");

const calls = suite("method calls");
calls("Hello: the exact bytes", () => {
  const hello = methodCall({
    serial: 1,
    destination: "org.freedesktop.DBus",
    path: "/org/freedesktop/DBus",
    interface: "org.freedesktop.DBus",
    member: "Hello",
  });
  assert.is(
    hex(hello),
    "6c01000100000000010000006d00000001016f00150000002f6f72672f667265656465736b746f702f4442757300000002017300140000006f72672e667265656465736b746f702e4442757300000000030173000500000048656c6c6f00000006017300140000006f72672e667265656465736b746f702e4442757300000000",
  );
});
calls('OpenSession("plain", <"">): the exact bytes, as dbus-next writes them', () => {
  const open = methodCall({
    serial: 2,
    ...SECRETS,
    member: "OpenSession",
    signature: "sv",
    body: ["plain", { signature: "s", value: "" }],
  });
  assert.is(
    hex(open),
    "6c01000115000000020000009000000001016f00180000002f6f72672f667265656465736b746f702f736563726574730000000000000000020173001e0000006f72672e667265656465736b746f702e5365637265742e536572766963650000030173000b0000004f70656e53657373696f6e000000000006017300170000006f72672e667265656465736b746f702e7365637265747300080167000273760005000000706c61696e000173000000000000000000",
  );
  const [theirs] = oracle.marshall({ type: 1, serial: 2, ...SECRETS, member: "OpenSession", signature: "sv", body: ["plain", ["s", ""]] });
  assert.is(hex(open), hex(theirs));
});
calls("SearchItems(a{ss}) and GetSecrets(ao, o): the bytes dbus-next writes, for unicode too", () => {
  for (const [service, key] of [
    ["aim", "K"],
    ["aim-é-😀", "work/OPENAI_API_KEY"],
  ] as const) {
    const attrs = [
      ["service", service],
      ["username", key],
    ];
    const mine = methodCall({ serial: 7, ...SECRETS, member: "SearchItems", signature: "a{ss}", body: [attrs] });
    const [theirs] = oracle.marshall({ type: 1, serial: 7, ...SECRETS, member: "SearchItems", signature: "a{ss}", body: [attrs] });
    assert.is(hex(mine), hex(theirs));
  }
  const items = ["/org/freedesktop/secrets/collection/login/1", "/org/freedesktop/secrets/collection/login/12"];
  const body = [items, "/org/freedesktop/secrets/session/s3"];
  const mine = methodCall({ serial: 9, ...SECRETS, member: "GetSecrets", signature: "aoo", body });
  const [theirs] = oracle.marshall({ type: 1, serial: 9, ...SECRETS, member: "GetSecrets", signature: "aoo", body });
  assert.is(hex(mine), hex(theirs));
});
calls("authentication: EXTERNAL with the uid in hex, then BEGIN", () => {
  assert.is(authPreamble(1000).toString("latin1"), "\0AUTH EXTERNAL 31303030\r\nBEGIN\r\n");
  assert.is(authPreamble(0).toString("latin1"), "\0AUTH EXTERNAL 30\r\nBEGIN\r\n");
});
calls.run();

/** A reply as gnome-keyring sends it (dbus-next writes it: little-endian). */
const reply = (replySerial: number, signature: string, body: unknown[]): Buffer =>
  oracle.marshall({ type: 2, serial: 40, replySerial, sender: ":1.3", destination: ":1.9", signature, body })[0];

const replies = suite("replies");
replies("GetSecrets's reply: values byte for byte (newlines, unicode, 100 KB)", () => {
  const values = ["x\ny\n", "é ü 😀 \u0000 nul", "z".repeat(100_000)];
  const body = [values.map((v, i) => [`/i/${i}`, ["/s/1", Buffer.alloc(0), Buffer.from(v), "text/plain"]])];
  const bytes = reply(4, "a{o(oayays)}", body);
  assert.is(messageLength(bytes), bytes.length);
  assert.is(messageLength(bytes.subarray(0, bytes.length - 1)), undefined);
  assert.is(messageLength(bytes.subarray(0, 10)), undefined);
  const msg = parseMessage(bytes);
  assert.is(msg.type, 2);
  assert.is(msg.replySerial, 4);
  assert.is(msg.signature, "a{o(oayays)}");
  const got = (msg.body[0] as [string, [string, Buffer, Buffer, string]][]).map(([path, [, , value]]) => [path, value.toString()]);
  assert.equal(
    got,
    values.map((v, i) => [`/i/${i}`, v]),
  );
});
replies("two messages in one buffer: the first one's length", () => {
  const a = reply(2, "vo", [["s", ""], "/org/freedesktop/secrets/session/s1"]);
  const b = reply(3, "aoao", [["/x/1"], []]);
  const both = Buffer.concat([a, b]);
  assert.is(messageLength(both), a.length);
  const open = parseMessage(both.subarray(0, a.length));
  assert.equal(open.body, [{ signature: "s", value: "" }, "/org/freedesktop/secrets/session/s1"]);
  assert.equal(parseMessage(both.subarray(a.length)).body, [["/x/1"], []]);
});
replies("a big-endian error reply (written by hand, as the specification lays it out)", () => {
  const name = Buffer.from("org.freedesktop.Secret.Error.IsLocked");
  const text = Buffer.from("locked");
  // Header fields a(yv): REPLY_SERIAL u 5, ERROR_NAME s, SIGNATURE g "s".
  const fields = Buffer.concat([
    Buffer.from([5, 1, 0x75, 0, 0, 0, 0, 5]),
    Buffer.from([4, 1, 0x73, 0, 0, 0, 0, name.length]),
    name,
    Buffer.alloc(1),
    Buffer.alloc((8 - ((8 + name.length + 1) % 8)) % 8),
    Buffer.from([8, 1, 0x67, 0, 1, 0x73, 0]),
  ]);
  const head = Buffer.alloc(16);
  head.write("B", 0, "latin1");
  head[1] = 3;
  head[3] = 1;
  const body = Buffer.concat([Buffer.from([0, 0, 0, text.length]), text, Buffer.alloc(1)]);
  head.writeUInt32BE(body.length, 4);
  head.writeUInt32BE(77, 8);
  head.writeUInt32BE(fields.length, 12);
  const pad = Buffer.alloc((8 - ((16 + fields.length) % 8)) % 8);
  const bytes = Buffer.concat([head, fields, pad, body]);
  assert.is(messageLength(bytes), bytes.length);
  const msg = parseMessage(bytes);
  assert.equal(
    { type: msg.type, serial: msg.serial, replySerial: msg.replySerial, errorName: msg.errorName, body: msg.body },
    { type: 3, serial: 77, replySerial: 5, errorName: "org.freedesktop.Secret.Error.IsLocked", body: ["locked"] },
  );
});
replies("not D-Bus, or a truncated body: thrown (the reader then falls back)", () => {
  assert.throws(() => messageLength(Buffer.from("HTTP/1.1 200 OK\r\n\r\n")));
  const bytes = reply(3, "aoao", [["/x/1"], []]);
  // Claim a longer object path than the body holds.
  const bad = Buffer.from(bytes);
  bad.writeUInt32LE(200, bad.length - 16);
  assert.throws(() => parseMessage(bad));
});
replies.run();

const addresses = suite("bus addresses");
addresses("unix path and abstract sockets, %-escapes, the first of a list; anything else is not handled", () => {
  assert.is(socketPath("unix:path=/run/user/1000/bus"), "/run/user/1000/bus");
  assert.is(socketPath("unix:path=/tmp/dbus-XfoHCoQ9io,guid=ed9f9f517210db7d355ab7d96b16a227"), "/tmp/dbus-XfoHCoQ9io");
  assert.is(socketPath("unix:abstract=/tmp/dbus-abc,guid=1"), "\0/tmp/dbus-abc");
  assert.is(socketPath("unix:path=/tmp/a%20b%2cc"), "/tmp/a b,c");
  assert.is(socketPath("unix:path=/a;unix:path=/b"), "/a");
  assert.is(socketPath("tcp:host=localhost,port=1234"), undefined);
  assert.is(socketPath("unix:runtime=yes"), undefined);
  assert.is(socketPath("unix:path=/bad%zz"), undefined);
});
addresses.run();

const msg = (signature: string, body: unknown[]): Message => ({ type: 2, serial: 1, signature, body: body as Message["body"] });

const plans = suite("what the replies decide");
plans("one item each: read; none: missing; locked or two items: the keyring library instead", () => {
  const open = msg("vo", [{ signature: "s", value: "" }, "/s/1"]);
  const keys = ["A", "B"];
  const with_ = (a: [string[], string[]], b: [string[], string[]]) =>
    planFromReplies(
      keys,
      new Map([
        [2, open],
        [3, msg("aoao", a)],
        [4, msg("aoao", b)],
      ]),
    );
  assert.equal(with_([["/i/1"], []], [[], []]), { session: "/s/1", items: new Map([["A", "/i/1"]]) });
  assert.is(with_([["/i/1"], []], [[], ["/i/2"]]), "an item is locked");
  assert.is(with_([["/i/1", "/i/3"], []], [[], []]), "a key has more than one item");
  assert.is(planFromReplies(keys, new Map([[2, msg("s", ["x"])]])), "OpenSession's reply has an unexpected shape");
});
plans("secrets: UTF-8 exactly, else the keyring library; encrypted or absent: the keyring library", () => {
  const items = new Map([["A", "/i/1"]]);
  const secrets = (value: Buffer, params = Buffer.alloc(0), path = "/i/1") =>
    valuesFromSecrets(items, msg("a{o(oayays)}", [[[path, ["/s/1", params, value, "text/plain"]]]]));
  assert.equal(secrets(Buffer.from("\ufeffbom kept, é")), new Map([["A", "\ufeffbom kept, é"]]));
  assert.equal(secrets(Buffer.from("")), new Map([["A", ""]]));
  assert.is(secrets(Buffer.from([0x61, 0xff, 0x62])), "a value is not UTF-8");
  assert.is(secrets(Buffer.from([0xed, 0xa0, 0x80])), "a value is not UTF-8");
  assert.is(secrets(Buffer.from("x"), Buffer.from([1])), "the secret came encrypted");
  assert.is(secrets(Buffer.from("x"), Buffer.alloc(0), "/i/9"), "an item was not returned (locked or deleted meanwhile)");
});
plans.run();
