// The broker relays an answer's body as the upstream's own bytes and finds its end from its
// framing (src/broker/http1.ts), so that the kept-alive upstream connection can carry the
// next request. Here a raw TLS upstream (the test's own CA) writes each answer in pieces cut
// at awkward places, a few milliseconds apart so that they reach the broker in separate
// reads, and Node 24's fetch (then Python's http.client, for a HEAD on a kept-alive connection)
// sends one request after another through `aim exec --broker` on one kept-alive connection. Every answer must arrive whole, the first event of a stream
// before the upstream has sent the rest, and the requests must share one upstream connection
// until a HEAD (fetch sends it with Connection: close) and a body that runs to the close: an
// end found a byte too early or too late shows as a broken answer, a hang or a new connection.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer, type TLSSocket } from "node:tls";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, succeeds } from "../../helpers/cli.js";
import { node24 } from "../../helpers/node24.js";
import { makeTestCa } from "../../helpers/test-ca.js";

const OPENAI = "sk-proj-relayOPENAI-6c2e80f1a9d4";

interface Request {
  connection: number;
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `pieces` one by one, a few milliseconds apart: each reaches the broker in a read of its own. */
async function pieces(socket: TLSSocket, parts: string[]) {
  for (const part of parts) {
    socket.write(part);
    await sleep(15);
  }
}

// What the upstream answers, by method and path: the pieces of each answer exactly as written.
const CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n";
const ANSWERS: Record<string, string[]> = {
  // Sizes, extensions, data and the trailer section all cut mid-way.
  "GET /chunked": [`${CHUNKED_HEAD}5\r\nhel`, "lo\r\n1", "0;ext=1\r\n0123456789abcdef\r", "\n0\r", "\nX-Trailer: t\r\n", "\r\n"],
  // A chunk whose data looks like the last chunk.
  "GET /lookalike": [`${CHUNKED_HEAD}5\r\n0\r\n\r\n\r\n`, "0\r\n\r\n"],
  "GET /length": ["HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhel", "lo wor", "ld"],
  "HEAD /length": ["HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\n"],
  "GET /empty": ["HTTP/1.1 204 No Content\r\n\r\n"],
  // An interim answer first: dropped by the broker, the final one relayed.
  "GET /early": ["HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Len", "gth: 2\r\n\r\nok"],
  "POST /upload": ["HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"],
};

/** A raw HTTP/1.1 upstream over TLS: reads requests one after another on each connection, answers from ANSWERS. */
async function startUpstream(key: string, cert: string) {
  const seen: Request[] = [];
  let connections = 0;
  let releaseStream: (() => void) | undefined;
  const streamOpen = new Promise<void>((resolve) => (releaseStream = resolve));
  const server = createServer({ key, cert, ALPNProtocols: ["http/1.1"] }, (socket) => {
    socket.setNoDelay(true);
    const connection = ++connections;
    let buf = Buffer.alloc(0);
    let busy = false;
    const next = async () => {
      if (busy) return;
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const lines = buf.toString("latin1", 0, end).split("\r\n");
      const [method = "", path = ""] = (lines[0] ?? "").split(" ");
      const headers = Object.fromEntries(
        lines.slice(1).map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      let rest = buf.subarray(end + 4);
      let body = "";
      if (headers["content-length"] !== undefined) {
        const n = Number(headers["content-length"]);
        if (rest.length < n) return;
        body = rest.toString("latin1", 0, n);
        rest = rest.subarray(n);
      } else if (headers["transfer-encoding"] !== undefined) {
        // The test's upload is text: its last chunk is the only 0 CRLF CRLF.
        const last = rest.indexOf("0\r\n\r\n");
        if (last < 0) return;
        const framed = rest.toString("latin1", 0, last + 5);
        body = `chunked:${framed.replace(/([0-9a-f]+)\r\n([\s\S]*?)\r\n/g, (_m, size, data) => (Number.parseInt(size, 16) === data.length ? data : "!")).replace(/0\r\n\r\n$/, "")}`;
        rest = rest.subarray(last + 5);
      }
      buf = rest;
      busy = true;
      seen.push({ connection, method, path, authorization: headers.authorization, body });
      if (path === "/sse") {
        await pieces(socket, [`${CHUNKED_HEAD}d\r\ndata: first\n\n\r\n`]);
        await streamOpen;
        await pieces(socket, ["c\r\ndata: last\n\n\r\n", "0\r\n\r\n"]);
      } else if (path === "/to-close") {
        await pieces(socket, ["HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil ", "the close"]);
        socket.end();
      } else await pieces(socket, ANSWERS[`${method} ${path}`] ?? ["HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"]);
      busy = false;
      void next();
    };
    socket.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      void next();
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return { port, seen, releaseStream: () => releaseStream?.(), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// One request after another on fetch's kept-alive connection; one JSON line per answer.
const CLIENT = `const base = "https://api.openai.com";
const headers = { authorization: "Bearer " + process.env.OPENAI_API_KEY };
const say = (o) => process.stdout.write(JSON.stringify(o) + "\\n");
const get = async (path, init = {}) => {
  const r = await fetch(base + path, { headers, signal: AbortSignal.timeout(15000), ...init });
  say({ path, method: init.method ?? "GET", status: r.status, body: await r.text() });
};
for (const p of ["/chunked", "/lookalike"]) await get(p);
for (let i = 0; i < 12; i++) await get("/length");
await get("/empty");
await get("/early");
const parts = ["part-1;", "part-22;", "part-333"];
const stream = new ReadableStream({ pull(c) { const p = parts.shift(); if (p) c.enqueue(new TextEncoder().encode(p)); else c.close(); } });
await get("/upload", { method: "POST", body: stream, duplex: "half" });
await get("/upload", { method: "POST", body: "fixed length body" });
const sse = await fetch(base + "/sse", { headers, signal: AbortSignal.timeout(15000) });
const rd = sse.body.getReader();
const first = await rd.read();
say({ path: "/sse", first: new TextDecoder().decode(first.value) });
let rest = "";
for (;;) { const { value, done } = await rd.read(); if (done) break; rest += new TextDecoder().decode(value); }
say({ path: "/sse", method: "GET", status: sse.status, body: rest });
await get("/length");
// fetch sends a HEAD with Connection: close: its client and upstream connections end after it.
await get("/length", { method: "HEAD" });
await get("/to-close");
await get("/length");
`;

// Python's http.client keeps its connection after a HEAD (fetch does not): HEAD, then GET on it.
const HEAD_THEN_GET = `import base64, http.client, json, os, ssl, urllib.parse
p = urllib.parse.urlsplit(os.environ["HTTPS_PROXY"])
c = http.client.HTTPSConnection(p.hostname, p.port, timeout=15, context=ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"]))
creds = base64.b64encode(f"{urllib.parse.unquote(p.username)}:{urllib.parse.unquote(p.password)}".encode()).decode()
c.set_tunnel("api.openai.com", 443, headers={"Proxy-Authorization": "Basic " + creds})
for method in ("HEAD", "GET"):
    c.request(method, "/length", headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})
    r = c.getresponse()
    print(json.dumps({"path": "/length", "method": method, "status": r.status, "body": r.read().decode()}))
`;

const relay = suite("the broker relays bodies as they come, and finds their end");
relay("chunked, Content-Length, HEAD, 204, 103, uploads and an SSE stream on one kept-alive upstream connection", async () => {
  const sb = sandbox();
  const caDir = join(sb.dir, "upstream-ca");
  mkdirSync(caDir);
  const ca = makeTestCa(caDir, ["api.openai.com"]);
  const up = await startUpstream(ca.key, ca.cert);
  try {
    Object.assign(sb.env, { NODE_EXTRA_CA_CERTS: ca.caFile, AIM_BROKER_CONNECT_TO: `api.openai.com:443:127.0.0.1:${up.port}` });
    succeeds(sb.aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }));
    writeFileSync(join(sb.dir, "client.mjs"), CLIENT);
    writeFileSync(join(sb.dir, "head.py"), HEAD_THEN_GET);
    const script = `"${node24()}" "${join(sb.dir, "client.mjs")}" && python3 "${join(sb.dir, "head.py")}"`;
    const child = spawn(process.execPath, [AIM, "exec", "--broker", "--keys", "OPENAI_API_KEY", "--", "sh", "-c", script], {
      cwd: join(sb.dir, "work"),
      env: sb.env,
    });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    // The stream's second event is written only once the client has shown the first: a broker
    // that held the body back until its end would never show it.
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes('"first"')) up.releaseStream();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.is(code, 0, `stdout=${out} stderr=${err}`);
    assert.is(err, "");
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.ok(
      lines.some((l) => JSON.stringify(l) === JSON.stringify({ path: "/sse", first: "data: first\n\n" })),
      out,
    );
    // Each request in order: the upstream connection it went out on (one until fetch's HEAD,
    // sent with Connection: close; then the spare its new CONNECT opened; then a new one, as a
    // body that ran to the close leaves nothing to reuse; Python's HEAD and GET take the
    // connection the last request left idle), the answer's status and body as the client read
    // them, and the body of the request as the upstream read it.
    type Want = [number, string, string, number, string, string];
    const want: Want[] = [
      [1, "GET", "/chunked", 200, "hello0123456789abcdef", ""],
      [1, "GET", "/lookalike", 200, "0\r\n\r\n", ""],
      // More than ten times on one connection: what the pool adds to it must not pile up.
      ...Array.from({ length: 12 }, (): Want => [1, "GET", "/length", 200, "hello world", ""]),
      [1, "GET", "/empty", 204, "", ""],
      [1, "GET", "/early", 200, "ok", ""],
      [1, "POST", "/upload", 201, "", "chunked:part-1;part-22;part-333"],
      [1, "POST", "/upload", 201, "", "fixed length body"],
      [1, "GET", "/sse", 200, "data: last\n\n", ""],
      [1, "GET", "/length", 200, "hello world", ""],
      [1, "HEAD", "/length", 200, "", ""],
      [2, "GET", "/to-close", 200, "until the close", ""],
      [3, "GET", "/length", 200, "hello world", ""],
      [3, "HEAD", "/length", 200, "", ""],
      [3, "GET", "/length", 200, "hello world", ""],
    ];
    assert.equal(
      lines.filter((l) => l.status !== undefined),
      want.map(([, method, path, status, body]) => ({ path, method, status, body })),
    );
    assert.equal(
      up.seen.map((s) => [s.connection, s.method, s.path, s.body]),
      want.map(([connection, method, path, , , upload]) => [connection, method, path, upload]),
    );
    assert.equal(new Set(up.seen.map((s) => s.authorization)), new Set([`Bearer ${OPENAI}`]));
    // One audit line per request, with the upstream's final status.
    const log = readFileSync(join(sb.env.AIM_DATA_DIR as string, "broker.log"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(
      log.map((l) => `${l.method} ${l.path} ${l.status}`),
      want.map(([, method, path, status]) => `${method} ${path} ${status}`),
    );
  } finally {
    await up.close();
  }
});
relay.run();
