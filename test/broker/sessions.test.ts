// The broker as the per-user broker process uses it: one listener, many sessions, each
// with its own credentials and placeholders; a closed session's credentials get 407.
import { request } from "node:http";
import { createServer } from "node:http";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { startBroker } from "../../src/broker/proxy.js";

/** A plain-HTTP request through the proxy at `proxyUrl` to `target`, with `auth` as the Authorization header. */
function viaProxy(proxyUrl: string, target: string, auth: string): Promise<{ status: number; body: string }> {
  const p = new URL(proxyUrl);
  const creds = Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString("base64");
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: false,
        host: p.hostname,
        port: p.port,
        path: target,
        headers: { authorization: auth, "proxy-authorization": `Basic ${creds}` },
      },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const sessions = suite("many sessions on one broker");
sessions("each session swaps only its own placeholders; a closed session is refused with 407", async () => {
  const seen: string[] = [];
  const up = createServer((req, res) => {
    seen.push(String(req.headers.authorization));
    res.end("ok");
  });
  await new Promise<void>((r) => up.listen(0, "127.0.0.1", r));
  const port = (up.address() as { port: number }).port;
  const target = `http://127.0.0.1:${port}/v1`;
  const warnings: string[] = [];
  const broker = await startBroker({ audit: false, warn: (t) => warnings.push(t), connectTo: "" });
  try {
    const a = broker.openSession([{ name: "K", value: "value-of-a", hosts: ["127.0.0.1"] }]);
    const b = broker.openSession([{ name: "K", value: "value-of-b", hosts: ["127.0.0.1"] }]);
    assert.is(broker.sessions, 2);
    assert.is.not(a.placeholders.K, b.placeholders.K);
    assert.is.not(a.proxyUrl, b.proxyUrl);
    assert.is((await viaProxy(a.proxyUrl, target, `Bearer ${a.placeholders.K}`)).status, 200);
    assert.is((await viaProxy(b.proxyUrl, target, `Bearer ${b.placeholders.K}`)).status, 200);
    // A's placeholder through B's session: B does not know it, it goes on as it is.
    assert.is((await viaProxy(b.proxyUrl, target, `Bearer ${a.placeholders.K}`)).status, 200);
    a.close();
    assert.is(broker.sessions, 1);
    assert.is((await viaProxy(a.proxyUrl, target, `Bearer ${a.placeholders.K}`)).status, 407);
    assert.equal(seen, ["Bearer value-of-a", "Bearer value-of-b", `Bearer ${a.placeholders.K}`]);
    assert.equal(warnings, []);
  } finally {
    await broker.close();
    up.close();
  }
});
sessions.run();
