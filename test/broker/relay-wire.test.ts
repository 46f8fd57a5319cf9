// The broker's upstream leg on the wire (src/broker/http1.ts and forward() in proxy.ts), with a
// raw plain-HTTP upstream on a loopback address and a raw client: the bytes of a request head
// as the upstream gets them, a head that must not be written at all, an answer framed two
// ways at once, and an upload whose upstream stops reading.
import { connect, createServer, type Socket } from "node:net";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { startBroker } from "../../src/broker/proxy.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw upstream: `onConnection` scripts each connection; every byte it receives is kept, by connection. */
async function upstream(onConnection: (socket: Socket) => void) {
  const received: Buffer[] = [];
  const server = createServer((socket) => {
    const at = received.push(Buffer.alloc(0)) - 1;
    socket.on("error", () => {});
    socket.on("data", (d: Buffer) => {
      received[at] = Buffer.concat([received[at] as Buffer, d]);
    });
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as { port: number }).port, received, close: () => server.close() };
}

/** Answers each request head on the connection with `answer(path)`, ignoring any body. */
const answering = (answer: (path: string) => string) => (socket: Socket) => {
  let buf = "";
  socket.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    for (let end = buf.indexOf("\r\n\r\n"); end >= 0; end = buf.indexOf("\r\n\r\n")) {
      const path = buf.split(" ")[1] ?? "";
      buf = buf.slice(end + 4);
      socket.write(answer(path));
    }
  });
};

/** Sends `head` (then `body`) to the broker's port on one connection; resolves with what came back once `done` says so. */
function exchange(port: number, head: Buffer | string, done: (got: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(port, "127.0.0.1");
    let got = "";
    const timer = setTimeout(() => {
      c.destroy();
      reject(new Error(`no whole answer in time; got ${JSON.stringify(got)}`));
    }, 3000);
    c.on("data", (d: Buffer) => {
      got += d.toString("latin1");
      if (done(got)) {
        clearTimeout(timer);
        c.destroy();
        resolve(got);
      }
    });
    c.on("error", () => {});
    c.write(head);
  });
}

async function withBroker(value: string, run: (b: { port: number; proxyAuth: string; placeholder: string }) => Promise<void>) {
  const broker = await startBroker({ audit: false, warn: () => {}, connectTo: "" });
  try {
    const s = broker.openSession([{ name: "K", value, hosts: ["127.0.0.1"] }]);
    const p = new URL(s.proxyUrl);
    const creds = Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString("base64");
    await run({ port: broker.port, proxyAuth: `Proxy-Authorization: Basic ${creds}\r\n`, placeholder: s.placeholders.K as string });
  } finally {
    await broker.close();
  }
}

const wire = suite("the upstream leg on the wire");

wire("a header's bytes reach the upstream as the client sent them (UTF-8 is not encoded twice)", async () => {
  const up = await upstream(answering(() => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
  try {
    await withBroker("real-value-1", async ({ port, proxyAuth }) => {
      const title = Buffer.from("X-Title: café ✓\r\n", "utf8");
      const head = Buffer.concat([
        Buffer.from(`GET http://127.0.0.1:${up.port}/t HTTP/1.1\r\nHost: x\r\n${proxyAuth}`),
        title,
        Buffer.from("\r\n"),
      ]);
      await exchange(port, head, (got) => got.endsWith("ok"));
      assert.ok((up.received[0] as Buffer).includes(title), (up.received[0] as Buffer).toString("latin1"));
    });
  } finally {
    up.close();
  }
});

wire("a stored value with a line break is never written: 502 that does not quote it, nothing upstream", async () => {
  const up = await upstream(answering(() => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
  try {
    await withBroker("real-value-2\r\nX-Injected: 1", async ({ port, proxyAuth, placeholder }) => {
      const got = await exchange(
        port,
        `GET http://127.0.0.1:${up.port}/v HTTP/1.1\r\nHost: x\r\n${proxyAuth}Authorization: Bearer ${placeholder}\r\n\r\n`,
        (text) => /\r\n\r\n[\s\S]*\n$/.test(text),
      );
      assert.match(got, /^HTTP\/1\.1 502 /);
      assert.not.match(got, /real-value|X-Injected/);
      await sleep(50);
      assert.equal(up.received.map((r) => r.toString("latin1")).join(""), "");
    });
  } finally {
    up.close();
  }
});

wire("an answer with Transfer-Encoding and Content-Length: relayed without the Content-Length, its connection not used again", async () => {
  const up = await upstream(
    answering((path) =>
      path === "/both"
        ? "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    ),
  );
  try {
    await withBroker("real-value-3", async ({ port, proxyAuth }) => {
      const got = await exchange(port, `GET http://127.0.0.1:${up.port}/both HTTP/1.1\r\nHost: x\r\n${proxyAuth}\r\n`, (t) =>
        t.endsWith("0\r\n\r\n"),
      );
      assert.not.match(got.toLowerCase(), /content-length/);
      assert.match(got, /\r\n\r\n5\r\nhello\r\n0\r\n\r\n$/);
      await exchange(port, `GET http://127.0.0.1:${up.port}/next HTTP/1.1\r\nHost: x\r\n${proxyAuth}\r\n`, (t) => t.endsWith("ok"));
      assert.is(up.received.length, 2);
    });
  } finally {
    up.close();
  }
});

wire("a chunk size with many leading zeros is relayed whole, and the connection is used again", async () => {
  const up = await upstream(
    answering((path) =>
      path === "/zeros"
        ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000005\r\nhello\r\n0\r\n\r\n"
        : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    ),
  );
  try {
    await withBroker("real-value-4", async ({ port, proxyAuth }) => {
      const got = await exchange(port, `GET http://127.0.0.1:${up.port}/zeros HTTP/1.1\r\nHost: x\r\n${proxyAuth}\r\n`, (t) =>
        t.endsWith("0\r\n\r\n"),
      );
      assert.match(got, /hello/);
      await exchange(port, `GET http://127.0.0.1:${up.port}/next HTTP/1.1\r\nHost: x\r\n${proxyAuth}\r\n`, (t) => t.endsWith("ok"));
      assert.is(up.received.length, 1);
    });
  } finally {
    up.close();
  }
});

wire("an upstream that goes mid-upload: the client gets its 502 and can still send the rest of its body", async () => {
  // The upstream closes once the head has come: the body the broker had paused would never drain.
  const up = await upstream((socket) => socket.once("data", () => socket.destroy()));
  try {
    await withBroker("real-value-5", async ({ port, proxyAuth }) => {
      const size = 32 * 1024 * 1024;
      const c = connect(port, "127.0.0.1");
      c.on("error", () => {});
      let got = "";
      c.on("data", (d: Buffer) => (got += d.toString("latin1")));
      c.write(`POST http://127.0.0.1:${up.port}/up HTTP/1.1\r\nHost: x\r\n${proxyAuth}Content-Length: ${size}\r\n\r\n`);
      const piece = Buffer.alloc(64 * 1024, 97);
      let sent = 0;
      const all = new Promise<void>((resolve) => {
        const pump = () => {
          while (sent < size) {
            sent += piece.length;
            if (!c.write(piece)) return void c.once("drain", pump);
          }
          c.write("", () => resolve());
        };
        pump();
      });
      const finished = await Promise.race([all.then(() => true), sleep(5000).then(() => false)]);
      c.destroy();
      assert.match(got, /^HTTP\/1\.1 502 /);
      assert.ok(finished, `the upload stalled after ${sent} of ${size} bytes`);
    });
  } finally {
    up.close();
  }
});

wire.run();
