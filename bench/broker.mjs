#!/usr/bin/env node
// The broker's bench (`node bench/broker.mjs [--runs N] [--rounds N]`): the same client (Node
// 24's fetch, kept-alive) against the same loopback TLS upstream, directly, through
// `aim exec --broker` (the real host name routed there by AIM_BROKER_CONNECT_TO) and, when it
// is installed in bench/.tmp/varlock, through varlock 1.20's `varlock proxy run`; and
// `aim exec --broker -- true` against `aim exec -- true` (and varlock's pair). Ratios within
// one run, with a bare TLS relay as the floor; prints Markdown tables. Uses the file vault (cheap scrypt): no D-Bus session.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const AIM = join(here, "..", "dist", "cli.js");
import { testPaths } from "../scripts/test-deps.mjs";

const NODE = process.env.AIM_BENCH_NODE24 || testPaths().node24;
if (!existsSync(NODE)) {
  console.error(`Node 24 is not installed at ${NODE}: node scripts/test-deps.mjs installs it (or set AIM_BENCH_NODE24)`);
  process.exit(2);
}
const { values: opts } = parseArgs({ options: { runs: { type: "string" }, rounds: { type: "string" } } });
const RUNS = Number(opts.runs ?? 15);
const CLIENT_ROUNDS = Number(opts.rounds ?? 3);
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
const VALUE = "sk-proj-bench-value-0123456789";
const auth = { real: 0, wrong: 0 };
const server = createServer({ key: readFileSync(join(dir, "srv.key")), cert: readFileSync(join(dir, "srv.pem")) }, (req, res) => {
  if (req.headers.authorization === `Bearer ${VALUE}`) auth.real++;
  else auth.wrong++;
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
// Upstream TLS connections and how many resumed a session: with kept-alive pooling, each
// way should open about as many as the direct client (one per SSE request, as cancelling a
// stream ends its connection, plus one or two).
const conns = { opened: 0, resumed: 0 };
server.on("secureConnection", (s) => {
  conns.opened++;
  if (s.isSessionReused()) conns.resumed++;
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;

// The client: first request, then kept-alive requests, the 50 MB download, the SSE first byte.
// "first" is the first request to the origin: a connection (through a proxy: CONNECT and the
// proxy's own TLS handshake), after fetch itself is loaded by a request to another origin,
// so that Node's lazy loading of undici is not counted against either side.
const client = `
const base = process.argv[2];
const headers = { authorization: "Bearer " + process.env.OPENAI_API_KEY };
const t = () => performance.now();
const get = async (p) => { const r = await fetch(base + p, { headers }); await r.arrayBuffer(); return r.status; };
await fetch("data:,warm").then((r) => r.text());
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
  // varlock's bin runs on the `node` of PATH and needs Node 22.3 or later.
  PATH: `${dirname(NODE)}:${process.env.PATH}`,
  // varlock keeps its session records and audit logs under XDG_CONFIG_HOME: the bench's own
  // folder, not the user's. Its telemetry is off (a network call would also skew its start-up).
  XDG_CONFIG_HOME: join(dir, "xdg-config"),
  VARLOCK_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
};
for (const k of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "NO_PROXY", "no_proxy"]) delete env[k];
spawnSync(NODE, [AIM, "secrets", "set", "OPENAI_API_KEY"], { env, input: VALUE });

// varlock 1.20's proxy (`npm i --prefix bench/.tmp/varlock varlock@1.20.0`), when installed:
// the same key in an .env.schema whose @proxy rule names the loopback upstream. varlock has
// no connect-to override, so its client asks for https://127.0.0.1:PORT, and NO_PROXY (which
// varlock sets to the loopback names) is dropped for the client so that it uses the proxy.
const VARLOCK = join(here, ".tmp", "varlock", "node_modules", ".bin", "varlock");
const haveVarlock = existsSync(VARLOCK);
if (haveVarlock)
  writeFileSync(join(dir, ".env.schema"), `# @defaultSensitive=true\n# ---\n# @proxy(domain=127.0.0.1)\nOPENAI_API_KEY=${VALUE}\n`);

// The floor: a bare TLS relay in its own Node process (TLS terminated with the upstream's own
// certificate, a new TLS connection to the upstream, bytes piped both ways; no HTTP, no proxy
// protocol, no placeholders). No Node proxy that terminates TLS can do less per byte, so its
// row says what this machine allows any such proxy (the client asks it for 127.0.0.1 directly).
writeFileSync(
  join(dir, "relay.mjs"),
  `import { createServer } from "node:net";
import { TLSSocket, connect } from "node:tls";
import { readFileSync } from "node:fs";
const [key, cert, ca] = ["srv.key", "srv.pem", "ca.pem"].map((f) => readFileSync(f));
const server = createServer((sock) => {
  sock.setNoDelay(true);
  const tls = new TLSSocket(sock, { isServer: true, key, cert, ALPNProtocols: ["http/1.1"] });
  const up = connect({ host: "127.0.0.1", port: ${port}, ca, servername: "api.openai.com", ALPNProtocols: ["http/1.1"] });
  up.setNoDelay(true);
  for (const s of [tls, up]) s.on("error", () => { tls.destroy(); up.destroy(); });
  tls.on("close", () => up.destroy());
  up.on("close", () => tls.destroy());
  tls.pipe(up);
  up.pipe(tls);
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));`,
);
const relay = spawn(NODE, [join(dir, "relay.mjs")], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
const relayPort = await new Promise((resolve) => relay.stdout.once("data", (d) => resolve(Number(String(d).trim()))));

const runAsync = (cmd, args, extra = {}) =>
  new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { env: { ...env, ...extra }, cwd: dir });
    let out = "";
    let err = "";
    c.stdout.on("data", (d) => (out += d));
    c.stderr.on("data", (d) => (err += d));
    c.on("close", () => {
      // varlock prints its own lines around the child's: the result is the line that is JSON.
      const line = out.split("\n").findLast((l) => l.startsWith("{")) ?? "";
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${cmd} ${args.join(" ")}: no result\n${out}${err}`));
      }
    });
  });
const ways = {
  // Direct: the client holds the value itself.
  direct: () => [NODE, [join(dir, "client.mjs"), `https://127.0.0.1:${port}`], { OPENAI_API_KEY: VALUE }],
  relay: () => [NODE, [join(dir, "client.mjs"), `https://127.0.0.1:${relayPort}`], { OPENAI_API_KEY: VALUE }],
  aim: () => [NODE, [AIM, "exec", "--broker", "--keys", "OPENAI_API_KEY", "--", NODE, join(dir, "client.mjs"), "https://api.openai.com"]],
  ...(haveVarlock && {
    varlock: () => [
      VARLOCK,
      [
        "proxy",
        "run",
        "--new",
        "--",
        "env",
        "-u",
        "NO_PROXY",
        "-u",
        "no_proxy",
        NODE,
        join(dir, "client.mjs"),
        `https://127.0.0.1:${port}`,
      ],
    ],
  }),
};
// Interleaved rounds (direct, aim, varlock, direct, …); each figure is the median over rounds.
// Every request must reach the upstream with the real value, or the figures mean nothing.
const results = Object.fromEntries(Object.keys(ways).map((w) => [w, []]));
const upstream = Object.fromEntries(Object.keys(ways).map((w) => [w, { opened: 0, resumed: 0 }]));
for (let round = 0; round < CLIENT_ROUNDS; round++) {
  for (const [way, cmd] of Object.entries(ways)) {
    const before = { ...auth };
    const c0 = { ...conns };
    results[way].push(await runAsync(...cmd()));
    upstream[way].opened += conns.opened - c0.opened;
    upstream[way].resumed += conns.resumed - c0.resumed;
    if (auth.wrong !== before.wrong)
      throw new Error(`${way}: ${auth.wrong - before.wrong} request(s) reached the upstream without the real value`);
    if (auth.real === before.real) throw new Error(`${way}: no request reached the upstream`);
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const fig = Object.fromEntries(
  Object.entries(results).map(([way, rs]) => [
    way,
    Object.fromEntries(["first", "median", "mbps", "sse"].map((k) => [k, med(rs.map((r) => r[k]))])),
  ]),
);

// Start-up: interleaved, median of RUNS.
const time = (cmd, args) => {
  const s = process.hrtime.bigint();
  spawnSync(cmd, args, { env, cwd: dir });
  return Number(process.hrtime.bigint() - s) / 1e6;
};
const starts = {
  plain: () => time(NODE, [AIM, "exec", "--keys", "OPENAI_API_KEY", "--", "true"]),
  broker: () => time(NODE, [AIM, "exec", "--broker", "--keys", "OPENAI_API_KEY", "--", "true"]),
  ...(haveVarlock && {
    varlockRun: () => time(VARLOCK, ["run", "--", "true"]),
    varlockProxy: () => time(VARLOCK, ["proxy", "run", "--new", "--", "true"]),
  }),
};
const startTimes = Object.fromEntries(Object.keys(starts).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const run of Object.values(starts)) run();
for (let i = 0; i < RUNS; i++) for (const [k, run] of Object.entries(starts)) startTimes[k].push(run());
const st = Object.fromEntries(Object.entries(startTimes).map(([k, a]) => [k, med(a)]));
server.close();
relay.kill();
rmSync(dir, { recursive: true, force: true });

const f = (n) => n.toFixed(2);
const plus = (n) => `${n >= 0 ? "+" : ""}${f(n)} ms`;
const d = fig.direct;
const rows = [
  ["kept-alive request, median", "ms", (x) => plus(x.median - d.median), "≤ +1 ms", "median"],
  ["first request to the origin", "ms", (x) => plus(x.first - d.first), "≤ +30 ms", "first"],
  ["50 MB streamed", "MB/s", (x) => `${f(x.mbps / d.mbps)}×`, "≥ 0.8×", "mbps"],
  ["SSE first byte, median", "ms", (x) => plus(x.sse - d.sse), "≤ +2 ms", "sse"],
];
const v = fig.varlock;
console.log(`Load: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} (uptime); median of ${CLIENT_ROUNDS} interleaved client rounds, start-up median of ${RUNS}.

| Broker (Node 24 fetch, loopback TLS upstream) | direct | aim --broker | aim vs direct | budget | bare TLS relay vs direct (floor) | varlock proxy | varlock vs direct |
|---|---|---|---|---|---|---|---|
${rows
  .map(
    ([name, unit, delta, budget, k]) =>
      `| ${name} | ${f(d[k])} ${unit} | ${f(fig.aim[k])} ${unit} | ${delta(fig.aim)} | ${budget} | ${delta(fig.relay)} | ${v ? `${f(v[k])} ${unit}` : "not installed"} | ${v ? delta(v) : "-"} |`,
  )
  .join("\n")}

Upstream TLS connections over all rounds (resumed): ${Object.entries(upstream)
  .map(([way, c]) => `${way} ${c.opened} (${c.resumed})`)
  .join(", ")}.

| Start-up (spawn path, \`-- true\`) | plain | with its proxy | ratio | budget |
|---|---|---|---|---|
| aim exec vs aim exec --broker | ${f(st.plain)} ms | ${f(st.broker)} ms | ${f(st.broker / st.plain)}× | ≤ 1.5× |
${haveVarlock ? `| varlock run vs varlock proxy run --new | ${f(st.varlockRun)} ms | ${f(st.varlockProxy)} ms | ${f(st.varlockProxy / st.varlockRun)}× | - |\n| aim exec --broker vs varlock proxy run --new | ${f(st.broker)} ms | ${f(st.varlockProxy)} ms | ${f(st.varlockProxy / st.broker)}× | - |` : "| varlock | not installed: npm i --prefix bench/.tmp/varlock varlock@1.20.0 | | | |"}`);
