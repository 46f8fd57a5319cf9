// Websockets through `aim exec --broker`: a real client (Python's stdlib: a CONNECT to the
// proxy from HTTPS_PROXY, TLS, then the upgrade by hand) against a websocket echo on the
// loopback TLS upstream. On a bound host the handshake's Authorization carries the
// placeholder and the upstream must see the stored value, then frames flow both ways; on an
// unbound host the connection is a blind tunnel (the client sees the upstream's own
// certificate, and the placeholder arrives as it was sent).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { brokeredSh, brokerWorld, HOSTS, keyHeaders } from "../../helpers/broker.js";
import { succeeds } from "../../helpers/cli.js";
import { wsEcho } from "../../helpers/websocket.js";

const OPENAI = "sk-proj-wsOPENAI-3b7e19c2d4a6";
const UNBOUND = "ws.example.test";

// argv: HOST PATH [CAFILE]. Trusts SSL_CERT_FILE (aim's bundle) unless CAFILE is given.
const CLIENT = `import base64, hashlib, os, socket, ssl, struct, sys
from urllib.parse import urlsplit
host, path = sys.argv[1], sys.argv[2]
cafile = sys.argv[3] if len(sys.argv) > 3 else None
p = urlsplit(os.environ["HTTPS_PROXY"])
s = socket.create_connection((p.hostname, p.port), timeout=20)
auth = base64.b64encode(f"{p.username}:{p.password}".encode()).decode()
s.sendall(f"CONNECT {host}:443 HTTP/1.1\\r\\nHost: {host}:443\\r\\nProxy-Authorization: Basic {auth}\\r\\n\\r\\n".encode())
def head(sock):
    b = b""
    while b"\\r\\n\\r\\n" not in b:
        c = sock.recv(1)
        if not c:
            sys.exit("closed in the headers: " + repr(b))
        b += c
    return b.decode()
print("proxy:", head(s).split("\\r\\n")[0])
ctx = ssl.create_default_context(cafile=cafile)
t = ctx.wrap_socket(s, server_hostname=host)
print("issuer:", dict(x[0] for x in t.getpeercert()["issuer"])["commonName"])
key = base64.b64encode(os.urandom(16)).decode()
t.sendall((f"GET {path} HTTP/1.1\\r\\nHost: {host}\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
           f"Sec-WebSocket-Key: {key}\\r\\nSec-WebSocket-Version: 13\\r\\n"
           f"Authorization: Bearer {os.environ['OPENAI_API_KEY']}\\r\\n\\r\\n").encode())
h = head(t)
print("upgrade:", h.split("\\r\\n")[0])
if not h.startswith("HTTP/1.1 101"):
    sys.exit(0)
accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
print("accept:", ("sec-websocket-accept: " + accept.lower()) in h.lower())
def exact(n):
    b = b""
    while len(b) < n:
        c = t.recv(n - len(b))
        if not c:
            sys.exit("closed in a frame")
        b += c
    return b
def read():
    b = exact(2)
    return b[0] & 15, exact(b[1] & 127)
def send(op, data):
    m = os.urandom(4)
    t.sendall(bytes([128 | op, 128 | len(data)]) + m + bytes(c ^ m[i % 4] for i, c in enumerate(data)))
print("recv:", read()[1].decode())
for text in (b"ping 1", b"ping 2"):
    send(1, text)
    print("recv:", read()[1].decode())
send(8, struct.pack("!H", 1000))
op, data = read()
print("close:", op, struct.unpack("!H", data)[0])`;

async function world() {
  const w = await brokerWorld({ hosts: [...HOSTS, UNBOUND], upgrade: wsEcho });
  succeeds(w.aim(["secrets", "set", "OPENAI_API_KEY"], { input: OPENAI }));
  writeFileSync(join(w.dir, "ws.py"), CLIENT);
  return w;
}

const ws = suite("websockets through aim exec --broker");
ws("a bound host: the handshake's placeholder becomes the stored key upstream, frames flow both ways, one log line", async () => {
  const w = await world();
  try {
    const r = await brokeredSh(
      w,
      "OPENAI_API_KEY",
      `printf 'env: %s\\n' "$OPENAI_API_KEY"; python3 "${join(w.dir, "ws.py")}" api.openai.com /v1/realtime?model=m`,
    );
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, "");
    assert.match(
      r.stdout,
      /^env: sk-proj-aim[A-Za-z0-9]{40}\nproxy: HTTP\/1\.1 200 Connection Established\nissuer: aim broker [0-9a-f]{8}\nupgrade: HTTP\/1\.1 101 Switching Protocols\naccept: True\nrecv: hello from upstream\nrecv: echo: ping 1\nrecv: echo: ping 2\nclose: 8 1000\n$/,
    );
    assert.not.ok(r.stdout.includes(OPENAI), "the command saw the value");
    assert.equal(keyHeaders(w.api.seen), [`Bearer ${OPENAI}`]);
    assert.is(w.api.seen[0]?.headers.upgrade, "websocket");
    assert.is(w.api.seen[0]?.url, "/v1/realtime?model=m");
    const log = readFileSync(join(w.env.AIM_DATA_DIR as string, "broker.log"), "utf8");
    assert.not.ok(log.includes(OPENAI), "the log holds the value");
    const lines = log
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(
      lines.map((l) => [l.key, l.host, l.method, l.path, l.status, l.action]),
      [["OPENAI_API_KEY", "api.openai.com", "GET", "/v1/realtime", 101, "injected"]],
    );
  } finally {
    await w.api.close();
  }
});
ws("an unbound host: tunnelled untouched (the upstream's own certificate, the placeholder as sent), no log line", async () => {
  const w = await world();
  try {
    const r = await brokeredSh(
      w,
      "OPENAI_API_KEY",
      `python3 "${join(w.dir, "ws.py")}" ${UNBOUND} /socket "${w.ca.caFile}"; printf 'env: %s\\n' "$OPENAI_API_KEY"`,
    );
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, "");
    assert.match(
      r.stdout,
      /^proxy: HTTP\/1\.1 200 Connection Established\nissuer: aim test upstream CA\nupgrade: HTTP\/1\.1 101 Switching Protocols\naccept: True\nrecv: hello from upstream\nrecv: echo: ping 1\nrecv: echo: ping 2\nclose: 8 1000\nenv: (sk-proj-aim[A-Za-z0-9]{40})\n$/,
    );
    const placeholder = r.stdout.match(/env: (\S+)\n$/)?.[1];
    assert.equal(keyHeaders(w.api.seen), [`Bearer ${placeholder}`]);
    assert.is(w.api.seen[0]?.headers.host, UNBOUND);
    const log = join(w.env.AIM_DATA_DIR as string, "broker.log");
    assert.is(existsSync(log) ? readFileSync(log, "utf8") : "", "", "a tunnelled connection is not logged");
  } finally {
    await w.api.close();
  }
});
ws("a placeholder on the handshake to an intercepted host its key is not bound to: 403, nothing upstream", async () => {
  const w = await world();
  try {
    succeeds(w.aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: "sk-ant-api03-wsANTHROPIC-77c1" }));
    const r = await w.aimAsync([
      "exec",
      "--broker",
      "--keys",
      "OPENAI_API_KEY,ANTHROPIC_API_KEY",
      "--",
      "python3",
      join(w.dir, "ws.py"),
      "api.anthropic.com",
      "/v1/ws",
    ]);
    assert.is(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^proxy: HTTP\/1\.1 200 Connection Established\nissuer: aim broker [0-9a-f]{8}\nupgrade: HTTP\/1\.1 403 Forbidden\n$/,
    );
    assert.is(r.stderr, "aim: refused to send OPENAI_API_KEY to api.anthropic.com: it is bound to api.openai.com only\n");
    assert.equal(w.api.seen, []);
  } finally {
    await w.api.close();
  }
});
ws.run();
