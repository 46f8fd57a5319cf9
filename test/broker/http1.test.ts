// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
// The broker's upstream HTTP/1.1: where a response's head ends, how its body is framed, and
// where that body ends however the bytes are split. A relay that got an end wrong would hand
// the next request's connection a stray byte, or cut an answer short.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import {
  BodyEnd,
  type Framing,
  HttpParseError,
  parseResponseHead,
  relayedHeaders,
  requestHead,
  responseFraming,
} from "../../src/broker/http1.js";

const b = (s: string) => Buffer.from(s, "latin1");

/** Feeds `bytes` to a BodyEnd in pieces cut at `cuts`; returns how many bytes it took and whether it ended. */
const feedSplit = (framing: Framing, bytes: Buffer, cuts: number[]) => {
  const end = new BodyEnd(framing);
  let taken = 0;
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const piece = bytes.subarray(at, cut);
    at = cut;
    const n = end.feed(piece);
    taken += n;
    if (end.done) return { taken, done: true };
    assert.is(n, piece.length, "a body that has not ended takes every byte");
  }
  return { taken, done: end.done };
};

const head = suite("parseResponseHead");
head("waits for the empty line, then gives status, reason, raw headers and the head's size", () => {
  const text = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nset-cookie:  b=2 \r\n\r\nbody";
  for (let i = 0; i < text.length - 4; i++) assert.is(parseResponseHead(b(text.slice(0, i))), null);
  const h = parseResponseHead(b(text));
  assert.equal(h, {
    status: 200,
    reason: "OK",
    rawHeaders: ["Content-Type", "text/plain", "Set-Cookie", "a=1", "set-cookie", "b=2"],
    size: text.length - 4,
    keepAlive: true,
  });
});
head("keep-alive: HTTP/1.1 unless Connection: close; HTTP/1.0 never", () => {
  assert.is(parseResponseHead(b("HTTP/1.1 204 No Content\r\nConnection: keep-alive, Close\r\n\r\n"))?.keepAlive, false);
  assert.is(parseResponseHead(b("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"))?.keepAlive, false);
  assert.is(parseResponseHead(b("HTTP/1.1 200\r\n\r\n"))?.reason, "");
});
head("refuses what Node's own parser would: a bad status line, obs-fold, control characters, an endless head", () => {
  for (const bad of [
    "HTTP/2 200 OK\r\n\r\n",
    "HTTP/1.1 20 OK\r\n\r\n",
    "HTTP/1.1 099 Low\r\n\r\n",
    "HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n",
    "HTTP/1.1 200 OK\r\nBad Name: b\r\n\r\n",
    "HTTP/1.1 200 OK\r\nA: b\x00c\r\n\r\n",
    "HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n",
    "HTTP/1.1 200 O\x7fK\r\n\r\n",
  ])
    assert.throws(
      () => parseResponseHead(b(bad)),
      (e: unknown) => e instanceof HttpParseError,
      JSON.stringify(bad),
    );
  assert.throws(
    () => parseResponseHead(Buffer.alloc(70 * 1024, 0x61)),
    (e: unknown) => e instanceof HttpParseError,
  );
});

const framing = suite("responseFraming");
const frame = (method: string, text: string) =>
  responseFraming(method, parseResponseHead(b(text)) as NonNullable<ReturnType<typeof parseResponseHead>>);
framing("no body for HEAD, 204 and 304; chunked last wins over Content-Length; else the length, else to the close", () => {
  assert.equal(frame("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"), { kind: "none" });
  assert.equal(frame("GET", "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n"), { kind: "none" });
  assert.equal(frame("GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"), { kind: "none" });
  assert.equal(frame("GET", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: Chunked\r\n\r\n"), {
    kind: "chunked",
  });
  assert.equal(frame("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"), { kind: "close" });
  assert.equal(frame("POST", "HTTP/1.1 200 OK\r\nContent-Length: 12, 12\r\ncontent-length: 12\r\n\r\n"), { kind: "length", length: 12 });
  assert.equal(frame("GET", "HTTP/1.1 200 OK\r\n\r\n"), { kind: "close" });
  for (const bad of ["Content-Length: 1, 2", "Content-Length: -1", "Content-Length: 0x10", "Content-Length: "])
    assert.throws(
      () => frame("GET", `HTTP/1.1 200 OK\r\n${bad}\r\n\r\n`),
      (e: unknown) => e instanceof HttpParseError,
      bad,
    );
});

const ends = suite("BodyEnd");
ends("Content-Length: ends at the last byte of the body, whatever the split; nothing after it is taken", () => {
  const bytes = b("0123456789NEXT");
  for (let i = 0; i <= bytes.length; i++)
    assert.equal(feedSplit({ kind: "length", length: 10 }, bytes, [i]), { taken: 10, done: true }, `cut at ${i}`);
  assert.ok(new BodyEnd({ kind: "length", length: 0 }).done);
  assert.ok(new BodyEnd({ kind: "none" }).done);
});
ends("chunked: extensions, trailers and upper-case sizes; ends after the last CRLF for every one- and two-cut split", () => {
  const body = '5;name="v"\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n00000\r\nX-Trailer: t\r\nY: u\r\n\r\n';
  const bytes = b(`${body}HTTP/1.1 200 OK\r\n`);
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j++)
      assert.equal(feedSplit({ kind: "chunked" }, bytes, [i, j]), { taken: body.length, done: true }, `cuts at ${i}, ${j}`);
  }
  // Byte by byte: the end is found on the final LF, not before.
  const end = new BodyEnd({ kind: "chunked" });
  for (let i = 0; i < body.length; i++) {
    assert.not.ok(end.done, `ended early, at byte ${i}`);
    assert.is(end.feed(b(body[i] as string)), 1);
  }
  assert.ok(end.done);
  assert.equal(feedSplit({ kind: "chunked" }, b("0\r\n\r\n"), []), { taken: 5, done: true });
});
ends("chunked: data that looks like framing is data; a chunk that overruns its size, a bad size or a bare LF throws", () => {
  const tricky = "5\r\n0\r\n\r\n\r\n0\r\n\r\n";
  assert.equal(feedSplit({ kind: "chunked" }, b(tricky), [4]), { taken: tricky.length, done: true });
  for (const bad of ["5\r\nhello!\r\n0\r\n\r\n", "g\r\n", "\r\n", "5\nhello\r\n", "0\r\n\n", "0\r\nA: b\n", "fffffffffffffff\r\n"])
    assert.throws(
      () => new BodyEnd({ kind: "chunked" }).feed(b(bad)),
      (e: unknown) => e instanceof HttpParseError,
      JSON.stringify(bad),
    );
});
ends("chunked: a size with leading zeros, however many, is its value (RFC 9112: 1*HEXDIG)", () => {
  const body = "00000000000000005\r\nhello\r\n0000000000000000000\r\n\r\n";
  assert.equal(feedSplit({ kind: "chunked" }, b(body), [3]), { taken: body.length, done: true });
  assert.throws(
    () => new BodyEnd({ kind: "chunked" }).feed(b("00010000000000000\r\n")),
    (e: unknown) => e instanceof HttpParseError,
  );
});
ends("to the close: every byte is the body's, and it never ends by itself", () => {
  const end = new BodyEnd({ kind: "close" });
  assert.is(end.feed(b("0\r\n\r\n")), 5);
  assert.not.ok(end.done);
});

const request = suite("requestHead");
request("the request line and the raw header pairs as given, then the empty line", () => {
  assert.is(
    requestHead("POST", "/v1/x?a=1", ["Host", "api.example", "Authorization", "Bearer v", "X-Dup", "1", "x-dup", "2"]).toString("latin1"),
    "POST /v1/x?a=1 HTTP/1.1\r\nHost: api.example\r\nAuthorization: Bearer v\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n",
  );
});

request("bytes go on as the client sent them: latin1, never encoded a second time as UTF-8", () => {
  // A UTF-8 "é" as Node's parser gives it: two latin1 characters.
  const utf8 = Buffer.from("café", "utf8").toString("latin1");
  const out = requestHead("GET", "/", ["X-Title", utf8]);
  assert.ok(Buffer.isBuffer(out));
  assert.equal(out, Buffer.concat([b("GET / HTTP/1.1\r\nX-Title: "), Buffer.from("café", "utf8"), b("\r\n\r\n")]));
});
request("a line break, a control character or a character beyond latin1 anywhere is refused, never written nor quoted", () => {
  const cases: [string, string, string[]][] = [
    ["GET", "/", ["Authorization", "Bearer real\r\nX-Injected: 1"]],
    ["GET", "/", ["Authorization", "Bearer real\n"]],
    ["GET", "/", ["Authorization", "Bearer real\u010a"]],
    ["GET", "/", ["X-A\r\nB", "v"]],
    ["GET", "/a b", []],
    ["GET", "/a\r\nX: y", []],
    ["GET", "", []],
    ["G T", "/", []],
  ];
  for (const [method, path, raw] of cases)
    assert.throws(
      () => requestHead(method, path, raw),
      (e: unknown) => e instanceof HttpParseError && !e.message.includes("real"),
      JSON.stringify([method, path, raw]),
    );
});

const relay = suite("relayedHeaders");
relay("with Transfer-Encoding, Content-Length goes; equal Content-Lengths become one; Trailer only when Node can write it", () => {
  const both = ["Content-Length", "3", "Transfer-Encoding", "chunked", "X", "1"];
  assert.equal(relayedHeaders(both, { kind: "chunked" }), ["Transfer-Encoding", "chunked", "X", "1"]);
  assert.equal(relayedHeaders(["Content-Length", "5", "content-length", "5"], { kind: "length", length: 5 }), ["Content-Length", "5"]);
  assert.equal(relayedHeaders(["Content-Length", "5, 5"], { kind: "length", length: 5 }), ["Content-Length", "5"]);
  assert.equal(relayedHeaders(["Trailer", "x", "Content-Length", "5"], { kind: "length", length: 5 }), ["Content-Length", "5"]);
  assert.equal(relayedHeaders(["Trailer", "x", "Transfer-Encoding", "chunked"], { kind: "chunked" }), [
    "Trailer",
    "x",
    "Transfer-Encoding",
    "chunked",
  ]);
  // A HEAD's or a 304's Content-Length describes the body it did not send: it stays.
  assert.equal(relayedHeaders(["Content-Length", "11"], { kind: "none" }), ["Content-Length", "11"]);
});

head.run();
framing.run();
ends.run();
request.run();
relay.run();
