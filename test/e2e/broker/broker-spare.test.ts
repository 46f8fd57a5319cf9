// The broker opens a spare upstream connection while a client's own TLS handshake with it
// runs, so that the first request need not wait for one. An upstream may write on a
// connection that carries no request (Go's servers answer 408 when no request comes in
// time): those bytes answer nothing, and the spare must go rather than hand them to the
// next request as its answer. Here the upstream writes a 408 on any connection idle for
// 150 ms, and Python's http.client, through `aim exec --broker`, waits 400 ms between its
// handshake and its request.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:tls";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, sandbox, succeeds } from "../../helpers/cli.js";
import { makeTestCa } from "../../helpers/test-ca.js";

const OPENAI = "sk-proj-spareOPENAI-1d7a93c04be2";

const CLIENT = `import base64, http.client, json, os, ssl, time, urllib.parse
p = urllib.parse.urlsplit(os.environ["HTTPS_PROXY"])
c = http.client.HTTPSConnection(p.hostname, p.port, timeout=15, context=ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"]))
creds = base64.b64encode(f"{urllib.parse.unquote(p.username)}:{urllib.parse.unquote(p.password)}".encode()).decode()
c.set_tunnel("api.openai.com", 443, headers={"Proxy-Authorization": "Basic " + creds})
c.connect()
time.sleep(0.4)
c.request("GET", "/models", headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})
r = c.getresponse()
print(json.dumps({"status": r.status, "body": r.read().decode()}))
`;

const spare = suite("the broker's spare upstream connection");
spare("bytes an upstream writes on an idle spare are not taken as the next request's answer", async () => {
  const sb = sandbox();
  const caDir = join(sb.dir, "upstream-ca");
  mkdirSync(caDir);
  const ca = makeTestCa(caDir, ["api.openai.com"]);
  const requests: { connection: number; head: string }[] = [];
  let connections = 0;
  const server = createServer({ key: ca.key, cert: ca.cert, ALPNProtocols: ["http/1.1"] }, (socket) => {
    const connection = ++connections;
    let buf = "";
    // No request within 150 ms: an unasked 408, and the connection stays open.
    const idle = setTimeout(() => socket.write("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n"), 150);
    socket.on("data", (d: Buffer) => {
      clearTimeout(idle);
      buf += d.toString("latin1");
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      requests.push({ connection, head: buf.slice(0, end) });
      buf = buf.slice(end + 4);
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => clearTimeout(idle));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as { port: number }).port;
    Object.assign(sb.env, { NODE_EXTRA_CA_CERTS: ca.caFile, AIM_BROKER_CONNECT_TO: `api.openai.com:443:127.0.0.1:${port}` });
    succeeds(sb.aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }));
    writeFileSync(join(sb.dir, "client.py"), CLIENT);
    const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [AIM, "exec", "--broker", "--keys", "OPENAI_API_KEY", "--", "python3", join(sb.dir, "client.py")],
        {
          cwd: join(sb.dir, "work"),
          env: sb.env,
        },
      );
      let out = "";
      let err = "";
      child.stdout?.on("data", (d) => (out += d));
      child.stderr?.on("data", (d) => (err += d));
      child.on("close", (code) => resolve({ code, out, err }));
    });
    assert.is(r.code, 0, `stdout=${r.out} stderr=${r.err}`);
    assert.equal(JSON.parse(r.out.trim()), { status: 200, body: "ok" }, "the client got the 408 an idle spare was sent");
    // The one request, with the real key, on a connection opened for it (the spare was dropped).
    assert.is(requests.length, 1, JSON.stringify(requests));
    assert.match(requests[0]?.head ?? "", new RegExp(`\\r\\nauthorization: Bearer ${OPENAI}(\\r\\n|$)`, "i"));
    assert.ok((requests[0]?.connection ?? 0) > 1, "the request went out on the spare");
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

spare.run();
