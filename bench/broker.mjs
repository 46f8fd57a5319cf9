#!/usr/bin/env node
// The broker's bench (`node bench/broker.mjs [--runs N]`): the same client (Node 24's fetch,
// kept-alive) against the same loopback TLS upstream, once directly and once through
// `aim exec --broker` (the real host name routed there by AIM_BROKER_CONNECT_TO), and
// `aim exec --broker -- true` against `aim exec -- true`. Ratios within one run; prints a
// Markdown table. Uses the file vault (cheap scrypt) so it needs no D-Bus session.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const AIM = join(here, "..", "dist", "cli.js");
const NODE = process.env.AIM_TEST_NODE24 || "/opt/node24/node_modules/node/bin/node";
const { values: opts } = parseArgs({ options: { runs: { type: "string" } } });
const RUNS = Number(opts.runs ?? 15);
const dir = mkdtempSync(join(tmpdir(), "aim-bench-broker-"));

const openssl = (args) => {
  const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
};
const p256 = (key) => ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key];
openssl([
  "req",
  "-x509",
  ...p256("ca.key"),
  "-out",
  "ca.pem",
  "-subj",
  "/CN=bench CA",
  "-days",
  "2",
  "-addext",
  "basicConstraints=critical,CA:TRUE",
  "-addext",
  "keyUsage=critical,keyCertSign",
]);
openssl(["req", ...p256("srv.key"), "-out", "srv.csr", "-subj", "/CN=bench"]);
writeFileSync(join(dir, "ext.cnf"), "subjectAltName=DNS:api.openai.com,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
openssl([
  "x509",
  "-req",
  "-in",
  "srv.csr",
  "-CA",
  "ca.pem",
  "-CAkey",
  "ca.key",
  "-CAcreateserial",
  "-out",
  "srv.pem",
  "-days",
  "2",
  "-extfile",
  "ext.cnf",
]);

const BIG = 50 * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 120);
const server = createServer({ key: readFileSync(join(dir, "srv.key")), cert: readFileSync(join(dir, "srv.pem")) }, (req, res) => {
  if (req.url === "/big") {
    res.writeHead(200, { "content-type": "application/octet-stream" });
    let sent = 0;
    const pump = () => {
      while (sent < BIG) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once("drain", pump);
      }
      res.end();
    };
    return pump();
  }
  if (req.url === "/sse") {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write("data: first\n\n");
    return setTimeout(() => res.end("data: last\n\n"), 20);
  }
  res.end("ok");
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;

// The client: first request, then kept-alive requests, the 50 MB download, the SSE first byte.
const client = `
const base = process.argv[2];
const headers = { authorization: "Bearer " + process.env.OPENAI_API_KEY };
const t = () => performance.now();
const get = async (p) => { const r = await fetch(base + p, { headers }); await r.arrayBuffer(); return r.status; };
let s = t(); await get("/small"); const first = t() - s;
const lat = [];
for (let i = 0; i < 300; i++) { s = t(); await get("/small"); lat.push(t() - s); }
lat.sort((a, b) => a - b);
s = t(); const r = await fetch(base + "/big", { headers }); let n = 0; for await (const c of r.body) n += c.length; const secs = (t() - s) / 1000;
const sse = [];
for (let i = 0; i < 20; i++) { s = t(); const e = await fetch(base + "/sse", { headers }); const rd = e.body.getReader(); await rd.read(); sse.push(t() - s); await rd.cancel(); }
sse.sort((a, b) => a - b);
console.log(JSON.stringify({ first, median: lat[150], mbps: n / 1048576 / secs, sse: sse[10] }));`;
writeFileSync(join(dir, "client.mjs"), client);

const env = {
  ...process.env,
  AIM_DATA_DIR: join(dir, "data"),
  AIM_CONFIG_DIR: join(dir, "config"),
  AIM_BACKEND: "file",
  AIM_VAULT_PASSPHRASE: "bench passphrase 1234",
  AIM_VAULT_WORK_FACTOR: "10",
  NODE_EXTRA_CA_CERTS: join(dir, "ca.pem"),
  AIM_BROKER_CONNECT_TO: `api.openai.com:443:127.0.0.1:${port}`,
};
delete env.HTTPS_PROXY;
delete env.HTTP_PROXY;
spawnSync(NODE, [AIM, "secrets", "set", "OPENAI_API_KEY"], { env, input: "sk-proj-bench-value-0123456789" });

const runAsync = (cmd, args) =>
  new Promise((resolve) => {
    const c = spawn(cmd, args, { env, cwd: dir });
    let out = "";
    c.stdout.on("data", (d) => (out += d));
    c.on("close", () => resolve(JSON.parse(out.trim().split("\n").pop())));
  });
const direct = await runAsync(NODE, [join(dir, "client.mjs"), `https://127.0.0.1:${port}`]);
const brokered = await runAsync(NODE, [
  AIM,
  "exec",
  "--broker",
  "--keys",
  "OPENAI_API_KEY",
  "--",
  NODE,
  join(dir, "client.mjs"),
  "https://api.openai.com",
]);

// Start-up: interleaved, median of RUNS.
const time = (args) => {
  const s = process.hrtime.bigint();
  spawnSync(NODE, [AIM, ...args], { env, cwd: dir });
  return Number(process.hrtime.bigint() - s) / 1e6;
};
const plain = [];
const broker = [];
for (let i = 0; i < 3; i++) time(["exec", "--keys", "OPENAI_API_KEY", "--", "true"]);
for (let i = 0; i < RUNS; i++) {
  plain.push(time(["exec", "--keys", "OPENAI_API_KEY", "--", "true"]));
  broker.push(time(["exec", "--broker", "--keys", "OPENAI_API_KEY", "--", "true"]));
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
server.close();
rmSync(dir, { recursive: true, force: true });

const f = (n) => n.toFixed(2);
console.log(`| Broker (Node 24 fetch, loopback TLS upstream) | direct | brokered | delta / ratio | budget |
|---|---|---|---|---|
| kept-alive request, median | ${f(direct.median)} ms | ${f(brokered.median)} ms | +${f(brokered.median - direct.median)} ms | ≤ +1 ms |
| first request to the host | ${f(direct.first)} ms | ${f(brokered.first)} ms | +${f(brokered.first - direct.first)} ms | ≤ +30 ms |
| 50 MB streamed | ${f(direct.mbps)} MB/s | ${f(brokered.mbps)} MB/s | ${f(brokered.mbps / direct.mbps)}× | ≥ 0.8× |
| SSE first byte, median | ${f(direct.sse)} ms | ${f(brokered.sse)} ms | +${f(brokered.sse - direct.sse)} ms | ≤ +2 ms |
| aim exec -- true vs --broker -- true (median of ${RUNS}) | ${f(med(plain))} ms | ${f(med(broker))} ms | ${f(med(broker) / med(plain))}× | ≤ 1.5× |`);
