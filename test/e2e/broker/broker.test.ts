// The broker. Real clients (curl, git, Python's urllib, Node 24's fetch) run under
// `aim exec --broker` against a loopback TLS upstream that has its own CA; the real host
// names reach it through AIM_BROKER_CONNECT_TO. The command holds placeholders; the upstream
// must see the stored values, only on the hosts each key is bound to.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { brokeredSh, brokerWorld, keyHeaders } from "../../helpers/broker.js";
import { AIM, filesContaining, succeeds } from "../../helpers/cli.js";
import { node24 } from "../../helpers/node24.js";

const OPENAI = "sk-proj-brokerOPENAI-5f1c0e9a7d3b";
const ANTHROPIC = "sk-ant-api03-brokerANTHROPIC-8e2d41c6";
const GITHUB = "ghp_brokerGITHUB0d9c7b5a3e1f";

type World = Awaited<ReturnType<typeof brokerWorld>>;

async function world(opts: Parameters<typeof brokerWorld>[0] = {}) {
  const w = await brokerWorld(opts);
  for (const [k, v] of Object.entries({ OPENAI_API_KEY: OPENAI, ANTHROPIC_API_KEY: ANTHROPIC, GITHUB_TOKEN: GITHUB }))
    succeeds(w.aim(["secrets", "set", k], { input: v }));
  return w;
}

const KEYS = ["--keys", "OPENAI_API_KEY,ANTHROPIC_API_KEY,GITHUB_TOKEN"];

const brokered = (w: World, script: string, env: NodeJS.ProcessEnv = {}, keys = KEYS[1] as string) => brokeredSh(w, keys, script, env);

/** `NAME=value` lines of the shell's own /proc/PID/environ, as the kernel holds them. */
const ENVIRON = `tr '\\0' '\\n' < /proc/$$/environ | grep -E '^(OPENAI_API_KEY|ANTHROPIC_API_KEY|GITHUB_TOKEN)=' | sort`;

const placeholdersIn = (stdout: string): Record<string, string> =>
  Object.fromEntries(
    stdout
      .split("\n")
      .filter((l) => /^(OPENAI_API_KEY|ANTHROPIC_API_KEY|GITHUB_TOKEN)=/.test(l))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );

const noValue = (text: string, what: string) => {
  for (const v of [OPENAI, ANTHROPIC, GITHUB]) assert.not.ok(text.includes(v), `${what} holds a value`);
};

const clients = suite("real clients through aim exec --broker");
clients("curl: the command holds placeholders (prefix kept), the upstream sees the stored key", async () => {
  const w = await world();
  try {
    const r = await brokered(
      w,
      `${ENVIRON}; curl -sS https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY" -o /dev/null -w '%{http_code}\\n'`,
    );
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, "");
    const ph = placeholdersIn(r.stdout);
    assert.equal(Object.keys(ph), ["ANTHROPIC_API_KEY", "GITHUB_TOKEN", "OPENAI_API_KEY"]);
    assert.match(ph.OPENAI_API_KEY as string, /^sk-proj-aim[A-Za-z0-9]{40}$/);
    assert.match(ph.ANTHROPIC_API_KEY as string, /^sk-ant-api03-aim[A-Za-z0-9]{40}$/);
    assert.match(ph.GITHUB_TOKEN as string, /^ghp_aim[A-Za-z0-9]{40}$/);
    noValue(r.stdout, "the command's environment");
    assert.match(r.stdout, /\n404\n$/); // the loopback API has no /v1/models: it answered, with the key
    assert.equal(keyHeaders(w.api.seen), [`Bearer ${OPENAI}`]);
    assert.is(w.api.seen[0]?.headers.host, "api.openai.com");
  } finally {
    await w.api.close();
  }
});
clients("Python's urllib, git over HTTPS (Basic auth), and the query string", async () => {
  const w = await world({
    handle: (s, res) => {
      // A git smart-HTTP server's first answer: 401 until Basic x-access-token:TOKEN comes.
      if (!s.url.startsWith("/owner/repo.git/")) return false;
      const want = `Basic ${Buffer.from(`x-access-token:${GITHUB}`).toString("base64")}`;
      if (s.headers.authorization !== want) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="git"' });
        res.end();
        return true;
      }
      const out = spawnSync("git", ["http-backend"], {
        input: s.body,
        env: {
          GIT_PROJECT_ROOT: repoRoot,
          GIT_HTTP_EXPORT_ALL: "1",
          REQUEST_METHOD: s.method,
          PATH_INFO: s.url.split("?")[0]?.replace(/^\/owner/, "") ?? "",
          QUERY_STRING: s.url.split("?")[1] ?? "",
          CONTENT_TYPE: String(s.headers["content-type"] ?? ""),
          REMOTE_USER: "x-access-token",
          PATH: process.env.PATH,
        },
      });
      const text = out.stdout;
      const split = text.indexOf("\r\n\r\n");
      const head = text.subarray(0, split).toString("latin1");
      const status = Number(head.match(/^Status: (\d+)/m)?.[1] ?? 200);
      const headers = Object.fromEntries(
        head
          .split("\r\n")
          .filter((l) => !l.startsWith("Status:"))
          .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]),
      );
      res.writeHead(status, headers);
      res.end(text.subarray(split + 4));
      return true;
    },
  });
  const repoRoot = join(w.dir, "git-server");
  spawnSync("git", ["init", "-q", "--bare", "--initial-branch=main", join(repoRoot, "repo.git")]);
  const seed = join(w.dir, "seed");
  spawnSync("sh", [
    "-c",
    `git init -q "${seed}" && cd "${seed}" && echo hello > README && git add README && git -c user.email=t@t -c user.name=t commit -qm one && git push -q "${join(repoRoot, "repo.git")}" HEAD:refs/heads/main`,
  ]);
  try {
    const py = `import os, urllib.request
r = urllib.request.Request("https://api.anthropic.com/v1/echo", headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"]})
try:
    urllib.request.urlopen(r)
except urllib.error.HTTPError as e:
    print("python", e.code)`;
    writeFileSync(join(w.dir, "client.py"), py);
    const clone = join(w.dir, "clone");
    const r = await brokered(
      w,
      `python3 "${join(w.dir, "client.py")}" &&
       git -c credential.helper='!f() { echo username=x-access-token; echo "password=$GITHUB_TOKEN"; }; f' clone -q https://github.com/owner/repo.git "${clone}" && cat "${clone}/README" &&
       curl -sS "https://generativelanguage.googleapis.com/v1beta/models?key=$OPENAI_API_KEY" -o /dev/null -w '%{http_code}\\n'`,
      { GEMINI_API_KEY: "AIzaInheritedGeminiValue000" },
      `${KEYS[1]},GEMINI_API_KEY`,
    );
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "python 404\nhello\n403\n");
    // OPENAI_API_KEY's placeholder in a query to Google's host: refused, not swapped.
    assert.match(
      r.stderr,
      /^aim: refused to send OPENAI_API_KEY to generativelanguage\.googleapis\.com: it is bound to api\.openai\.com only\n$/,
    );
    const anthropic = w.api.seen.filter((s) => s.url === "/v1/echo");
    assert.equal(
      anthropic.map((s) => s.headers["x-api-key"]),
      [ANTHROPIC],
    );
    const git = w.api.seen.filter((s) => s.url.startsWith("/owner/repo.git/"));
    assert.ok(git.some((s) => s.headers.authorization === `Basic ${Buffer.from(`x-access-token:${GITHUB}`).toString("base64")}`));
    assert.not.ok(
      w.api.seen.some((s) => s.url.includes("key=")),
      "the refused request never reached the upstream",
    );
  } finally {
    await w.api.close();
  }
});
clients("a 24 MB answer and a 3 MB upload pass byte for byte, with back-pressure on both legs (curl, sha256)", async () => {
  // Random bytes in 64 KiB writes, 24 times the broker's 1 MiB stream buffers: the answer
  // pauses and resumes on its way whenever curl reads slower than the upstream sends.
  const big = randomBytes(24 * 1024 * 1024);
  // Text: the loopback API keeps a request's body as a string.
  const upload = Buffer.from(randomBytes(1536 * 1024).toString("hex"));
  const w = await world({
    handle: (s, res) => {
      if (s.url === "/v1/big") {
        let at = 0;
        res.writeHead(200, { "content-type": "application/octet-stream" });
        const pump = () => {
          while (at < big.length) {
            const part = big.subarray(at, at + 65536);
            at += part.length;
            if (!res.write(part)) return void res.once("drain", pump);
          }
          res.end();
        };
        pump();
        return true;
      }
      if (s.url === "/v1/up") {
        res.end(`${createHash("sha256").update(s.body).digest("hex")}\n`);
        return true;
      }
      return false;
    },
  });
  try {
    writeFileSync(join(w.dir, "upload.bin"), upload);
    const r = await brokered(
      w,
      `curl -sS https://api.openai.com/v1/big -H "Authorization: Bearer $OPENAI_API_KEY" | sha256sum | cut -c1-64;
       curl -sS https://api.openai.com/v1/up -H "Authorization: Bearer $OPENAI_API_KEY" -H 'content-type: application/octet-stream' --data-binary @"${join(w.dir, "upload.bin")}"`,
    );
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stderr, "");
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    assert.is(r.stdout, `${sha(big)}\n${sha(upload)}\n`);
    assert.equal(keyHeaders(w.api.seen), [`Bearer ${OPENAI}`, `Bearer ${OPENAI}`]);
  } finally {
    await w.api.close();
  }
});
clients("Node 24's fetch under NODE_USE_ENV_PROXY, and an SSE stream arrives event by event", async () => {
  let release: (() => void) | undefined;
  const w = await world({
    handle: (s, res) => {
      if (s.url !== "/v1/stream") return false;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      // The second event waits until the client has shown it read the first: a broker that
      // buffered the stream would never let it.
      release = () => res.end("data: two\n\n");
      return true;
    },
  });
  try {
    const js = `const r = await fetch("https://api.anthropic.com/v1/stream", { headers: { "x-api-key": process.env.ANTHROPIC_API_KEY } });
const rd = r.body.getReader(); let all = "";
for (;;) { const { value, done } = await rd.read(); if (done) break; const t = new TextDecoder().decode(value); all += t; process.stdout.write("chunk:" + JSON.stringify(t) + "\\n"); }
process.stdout.write("env:" + process.env.ANTHROPIC_API_KEY + "\\n");`;
    writeFileSync(join(w.dir, "client.mjs"), js);
    const child = spawn(process.execPath, [AIM, "exec", "--broker", ...KEYS, "--", node24(), join(w.dir, "client.mjs")], {
      cwd: join(w.dir, "work"),
      env: w.env,
    });
    let out = "";
    let err = "";
    const firstChunk = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first SSE chunk before the stream ended; stdout=${out} stderr=${err}`)), 30_000);
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes('chunk:"data: one\\n\\n"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on("data", (d) => (err += d));
    });
    await firstChunk;
    assert.ok(release, "the upstream holds the stream open");
    release?.();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.is(code, 0, err);
    assert.is(err, "");
    assert.match(out, /^chunk:"data: one\\n\\n"\nchunk:"data: two\\n\\n"\nenv:sk-ant-api03-aim[A-Za-z0-9]{40}\n$/);
    assert.equal(keyHeaders(w.api.seen), [ANTHROPIC]);
  } finally {
    await w.api.close();
  }
});
clients(
  "a stream the client stops reading: the next request goes out on a spare upstream connection, closed with the session",
  async () => {
    const w = await world({
      handle: (s, res) => {
        if (s.url !== "/v1/stream") return false;
        // Held open: the client leaves mid-answer, as an agent does when it cancels a stream.
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("data: one\n\n");
        return true;
      },
    });
    try {
      // The first curl gives up after a second (its exit code, 28, is ignored): the broker's
      // upstream connection is then mid-answer and must close. The second, later request must
      // not wait for a new one.
      const r = await brokered(
        w,
        `curl -sSN -m 1 https://api.openai.com/v1/stream -H "Authorization: Bearer $OPENAI_API_KEY" 2>/dev/null | head -c 9; echo; sleep 1.5; curl -sS -m 20 https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY" -o /dev/null -w '%{http_code}\\n'`,
      );
      assert.is(r.code, 0, r.stderr);
      assert.is(r.stdout, "data: one\n404\n");
      assert.equal(keyHeaders(w.api.seen), [`Bearer ${OPENAI}`, `Bearer ${OPENAI}`]);
      const second = w.api.seen[1];
      // Opened when the first stream was cut (about 1.5 s before), not for this request.
      assert.ok((second?.connectionAge ?? 0) > 1000, `the second request came on a connection ${second?.connectionAge} ms old`);
      // The spare and every other upstream connection close when the session ends.
      let open = await w.api.openConnections();
      for (let i = 0; i < 50 && open > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        open = await w.api.openConnections();
      }
      assert.is(open, 0, "upstream connections left open after aim exec ended");
    } finally {
      await w.api.close();
    }
  },
);
clients("the upstream connection is opened while the client's own handshake with the broker runs", async () => {
  const w = await world();
  try {
    // Python's http.client: CONNECT and the TLS handshake, a pause, then the request.
    const py = `import base64, http.client, os, ssl, time, urllib.parse
p = urllib.parse.urlsplit(os.environ["HTTPS_PROXY"])
c = http.client.HTTPSConnection(p.hostname, p.port, context=ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"]))
creds = base64.b64encode(f"{urllib.parse.unquote(p.username)}:{urllib.parse.unquote(p.password)}".encode()).decode()
c.set_tunnel("api.openai.com", 443, headers={"Proxy-Authorization": "Basic " + creds})
c.connect()
time.sleep(1)
c.request("GET", "/v1/models", headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})
print(c.getresponse().status)
`;
    writeFileSync(join(w.dir, "client.py"), py);
    const r = await brokered(w, `python3 ${join(w.dir, "client.py")}`);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "404\n");
    assert.equal(keyHeaders(w.api.seen), [`Bearer ${OPENAI}`]);
    const age = w.api.seen[0]?.connectionAge ?? 0;
    assert.ok(age > 700, `the request came on an upstream connection ${age} ms old`);
  } finally {
    await w.api.close();
  }
});
clients(
  "the Node on PATH (20, 22 or 24: the pass's own): fetch prints no warning of Node's, and the user's NODE_OPTIONS are kept",
  async () => {
    const w = await world();
    try {
      const version = spawnSync("node", ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
      const [major, minor] = version.split(".").map(Number) as [number, number];
      // NODE_USE_ENV_PROXY is Node 24's and 22.21's; Node 20's fetch ignores it and would go
      // to the real host (with a useless placeholder): there the test makes no request.
      const proxied = major >= 24 || (major === 22 && minor >= 21);
      // Node 22 warns "EnvHttpProxyAgent is experimental" at the first fetch under NODE_USE_ENV_PROXY.
      const js = proxied
        ? `const r = await fetch("https://api.anthropic.com/v1/models", { headers: { "x-api-key": process.env.ANTHROPIC_API_KEY } });
process.stdout.write(r.status + " " + process.env.NODE_OPTIONS + "\\n");`
        : `process.stdout.write("000 " + process.env.NODE_OPTIONS + "\\n");`;
      writeFileSync(join(w.dir, "client.mjs"), js);
      const r = await w.aimAsync(["exec", "--broker", ...KEYS, "--", "node", join(w.dir, "client.mjs")], {
        env: { NODE_OPTIONS: "--max-old-space-size=300" },
      });
      assert.is(r.code, 0, r.stderr);
      assert.is(r.stderr, "", `the Node on PATH is ${version}`);
      assert.match(r.stdout, /^\d{3} --max-old-space-size=300 --disable-warning=UNDICI-EHPA\n$/);
      assert.equal(keyHeaders(w.api.seen), proxied ? [ANTHROPIC] : []);
    } finally {
      await w.api.close();
    }
  },
);
clients.run();

const refusals = suite("refusals");
refusals("a placeholder to an intercepted host its key is not bound to: 403, one aim: line, a log line, no value anywhere", async () => {
  const w = await world();
  try {
    const r = await brokered(w, `curl -sS https://api.anthropic.com/v1/messages -H "x-api-key: $OPENAI_API_KEY" -w '\\n%{http_code}\\n'`);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, "aim broker: OPENAI_API_KEY may not be sent to api.anthropic.com\n\n403\n");
    assert.is(r.stderr, "aim: refused to send OPENAI_API_KEY to api.anthropic.com: it is bound to api.openai.com only\n");
    assert.equal(w.api.seen, [], "the upstream saw nothing");
    const log = readFileSync(join(w.env.AIM_DATA_DIR as string, "broker.log"), "utf8");
    const lines = log
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.is(lines.length, 1);
    assert.equal(Object.keys(lines[0]), ["time", "session", "key", "host", "method", "path", "status", "action"]);
    assert.is(lines[0].key, "OPENAI_API_KEY");
    assert.is(lines[0].host, "api.anthropic.com");
    assert.is(lines[0].path, "/v1/messages");
    assert.is(lines[0].status, 403);
    assert.is(lines[0].action, "refused");
    assert.is(statSync(join(w.env.AIM_DATA_DIR as string, "broker.log")).mode & 0o777, 0o600);
    noValue(log, "broker.log");
    noValue(r.stdout + r.stderr, "the output");
  } finally {
    await w.api.close();
  }
});
refusals("no proxy credentials, or wrong ones: 407, for CONNECT and for plain requests", async () => {
  const w = await world();
  try {
    const r = await brokered(
      w,
      `bare=$(printf %s "$HTTPS_PROXY" | sed -E 's#//[^@]*@#//#'); wrong=$(printf %s "$HTTPS_PROXY" | sed -E 's#:[^:@]*@#:nottheToken@#');
       for p in "$bare" "$wrong"; do
         curl -sS --proxy "$p" https://api.openai.com/v1/x -H "Authorization: Bearer $OPENAI_API_KEY" -o /dev/null -w '%{http_connect}\\n' 2>/dev/null
         curl -sS --proxy "$p" http://127.0.0.1:9/ -o /dev/null -w '%{http_code}\\n'
       done`,
    );
    assert.is(r.stderr, "");
    assert.is(r.stdout, "407\n407\n407\n407\n");
    assert.equal(w.api.seen, []);
  } finally {
    await w.api.close();
  }
});
refusals(
  "an ended session's proxy and placeholder get nothing; a later session's proxy passes the old placeholder on unswapped",
  async () => {
    const w = await world();
    try {
      const first = await brokered(w, `printf '%s\\n%s\\n' "$HTTPS_PROXY" "$OPENAI_API_KEY"`);
      assert.is(first.code, 0, first.stderr);
      const [oldProxy, oldPlaceholder] = first.stdout.trim().split("\n") as [string, string];
      const r = await brokered(
        w,
        `curl -sS --proxy "${oldProxy}" https://api.openai.com/v1/a -H "Authorization: Bearer ${oldPlaceholder}" -o /dev/null -w '%{http_code}\\n' 2>/dev/null; echo "old proxy: $?";
       curl -sS https://api.openai.com/v1/b -H "Authorization: Bearer ${oldPlaceholder}" -o /dev/null -w '%{http_code}\\n'`,
      );
      assert.match(r.stdout, /^000\nold proxy: (7|56)\n404\n$/);
      assert.equal(keyHeaders(w.api.seen), [`Bearer ${oldPlaceholder}`]);
    } finally {
      await w.api.close();
    }
  },
);
refusals.run();

const config = suite("turning the broker on and off");
config("broker: true in a trusted .aimrc brokers aim exec; --no-broker hands values; unbound keys are named once", async () => {
  const w = await world();
  try {
    const proj = join(w.dir, "work", "proj");
    spawnSync("mkdir", ["-p", proj]);
    writeFileSync(join(proj, ".aimrc"), "keys: [OPENAI_API_KEY, PLAIN_TOKEN]\nbroker: true\nhosts:\n  GITHUB_TOKEN: []\n");
    succeeds(w.aim(["secrets", "set", "PLAIN_TOKEN"], { input: "plain-token-value-1234" }));
    succeeds(w.aim(["allow"], { cwd: proj }));
    const show = `printf '%s|%s|%s\\n' "$OPENAI_API_KEY" "$PLAIN_TOKEN" "\${HTTPS_PROXY:+proxy}"`;
    const on = await w.aimAsync(["exec", "--", "sh", "-c", show], { cwd: proj });
    assert.is(on.code, 0, on.stderr);
    assert.match(on.stdout, /^sk-proj-aim[A-Za-z0-9]{40}\|plain-token-value-1234\|proxy\n$/);
    assert.is(on.stderr, "aim: not brokered (no host binding), handed over as values: PLAIN_TOKEN; bind them with hosts: in .aimrc\n");
    const off = await w.aimAsync(["exec", "--no-broker", "--", "sh", "-c", show], { cwd: proj });
    assert.is(off.stdout, `${OPENAI}|plain-token-value-1234|\n`);
    assert.is(off.stderr, "");
    const both = await w.aimAsync(["exec", "--broker", "--no-broker", "--", "true"], { cwd: proj });
    assert.is(both.code, 125);
    assert.match(both.stderr, /--broker and --no-broker contradict each other/);
  } finally {
    await w.api.close();
  }
});
config(
  "hosts: in the global config binds a key to a loopback gateway over plain HTTP; a non-loopback plain-HTTP host never gets a value",
  async () => {
    const w = await world();
    const seen: string[] = [];
    const http = await import("node:http");
    const gw = http.createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      res.end("gw\n");
    });
    await new Promise<void>((resolve) => gw.listen(0, "127.0.0.1", resolve));
    const port = (gw.address() as { port: number }).port;
    try {
      spawnSync("mkdir", ["-p", w.env.AIM_CONFIG_DIR as string]);
      writeFileSync(join(w.env.AIM_CONFIG_DIR as string, "config.yaml"), 'hosts:\n  GATEWAY_TOKEN: ["127.0.0.1", "plain.example"]\n');
      succeeds(w.aim(["secrets", "set", "GATEWAY_TOKEN"], { input: "gw-secret-value-5678" }));
      const r = await w.aimAsync(
        [
          "exec",
          "--broker",
          "--keys",
          "GATEWAY_TOKEN",
          "--",
          "sh",
          "-c",
          `curl -sS http://127.0.0.1:${port}/v1 -H "Authorization: Bearer $GATEWAY_TOKEN"; curl -sS http://plain.example/v1 -H "Authorization: Bearer $GATEWAY_TOKEN" -o /dev/null -w '%{http_code}\\n'`,
        ],
        { env: { AIM_BROKER_CONNECT_TO: `plain.example:80:127.0.0.1:${port}` } },
      );
      assert.is(r.code, 0, r.stderr);
      assert.is(r.stdout, "gw\n403\n");
      assert.equal(seen, ["Bearer gw-secret-value-5678"]);
      assert.match(r.stderr, /^aim: refused to send GATEWAY_TOKEN to plain\.example: plain HTTP/);
    } finally {
      gw.close();
      await w.api.close();
    }
  },
);
config.run();

const hygiene = suite("nothing leaks");
const haveStrace = spawnSync("strace", ["-V"]).status === 0;
hygiene(
  "strace -f: no value in any file write or argv, no private key written; the session folder is gone; the log holds no value",
  async () => {
    assert.ok(haveStrace, "strace is NOT INSTALLED: apt-get install strace");
    const w = await world();
    try {
      const trace = join(w.dir, "strace.log");
      const script = `printf '%s\\n' "$NODE_EXTRA_CA_CERTS"; curl -sS https://api.openai.com/v1/x -H "Authorization: Bearer $OPENAI_API_KEY" -o /dev/null; curl -sS https://api.anthropic.com/v1/x -H "x-api-key: $ANTHROPIC_API_KEY" -o /dev/null`;
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(
          "strace",
          [
            "-f",
            "-y",
            "-s",
            "65536",
            "-e",
            "trace=execve,write,pwrite64,writev,sendto,sendmsg",
            "-o",
            trace,
            process.execPath,
            AIM,
            "exec",
            "--broker",
            ...KEYS,
            "--",
            "sh",
            "-c",
            script,
          ],
          { cwd: join(w.dir, "work"), env: w.env },
        );
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
      assert.is(r.code, 0, r.stderr);
      assert.equal(keyHeaders(w.api.seen), [`Bearer ${OPENAI}`, ANTHROPIC]);
      const text = readFileSync(trace, "utf8");
      assert.ok(text.split("\n").filter((l) => l.includes("execve(")).length >= 3, "strace saw aim start sh and curl");
      // Any write of a value: to a file, a pipe, a socket in clear. The values go out only inside TLS.
      const leaks = text.split("\n").filter((l) => [OPENAI, ANTHROPIC, GITHUB].some((v) => l.includes(v)));
      assert.equal(leaks, []);
      assert.not.ok(/PRIVATE KEY/.test(text), "a private key was written somewhere");
      const folder = join(r.stdout.trim(), "..");
      assert.match(folder, /aim-broker-/);
      assert.not.ok(existsSync(folder), "the session folder is removed");
      const log = readFileSync(join(w.env.AIM_DATA_DIR as string, "broker.log"), "utf8");
      assert.is(log.trim().split("\n").length, 2);
      noValue(log, "broker.log");
      assert.equal(filesContaining(w.dir, OPENAI), []);
      assert.equal(filesContaining(w.dir, ANTHROPIC), []);
    } finally {
      await w.api.close();
    }
  },
);
hygiene("the scan sees a value sent in clear (the test can fail)", async () => {
  assert.ok(haveStrace, "strace is NOT INSTALLED: apt-get install strace");
  const w = await world();
  try {
    const trace = join(w.dir, "strace.log");
    spawnSync("strace", [
      "-f",
      "-y",
      "-s",
      "65536",
      "-e",
      "trace=write,writev,sendto",
      "-o",
      trace,
      "sh",
      "-c",
      `printf '%s' '${OPENAI}' > /dev/null`,
    ]);
    assert.ok(readFileSync(trace, "utf8").includes(OPENAI));
  } finally {
    await w.api.close();
  }
});
hygiene.run();
