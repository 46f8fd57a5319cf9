import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/** Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (RFC 6455, 4.2.2). */
export const acceptOf = (key: string): string => createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");

/** One final, unmasked server frame with a payload under 126 bytes. */
const frame = (opcode: number, payload: Buffer) => Buffer.concat([Buffer.from([0x80 | opcode, payload.length]), payload]);

/**
 * A minimal websocket echo upstream (an http 'upgrade' handler): answers 101, greets with a
 * text frame of its own, answers each masked text frame with "echo: " + its text, and a
 * close with a close. Small frames only: enough to prove frames flow both ways.
 */
export function wsEcho(req: IncomingMessage, socket: Duplex, head: Buffer): void {
  socket.on("error", () => socket.destroy());
  const key = req.headers["sec-websocket-key"];
  if (typeof key !== "string" || req.headers.upgrade?.toLowerCase() !== "websocket") {
    socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptOf(key)}\r\n\r\n`,
  );
  socket.write(frame(1, Buffer.from("hello from upstream")));
  let buf = head;
  const take = (data: Buffer) => {
    buf = Buffer.concat([buf, data]);
    while (buf.length >= 2) {
      const opcode = (buf[0] as number) & 0x0f;
      const len = (buf[1] as number) & 0x7f;
      // A client's frames are masked (RFC 6455, 5.1); anything else ends the test's connection.
      if (!((buf[1] as number) & 0x80) || len >= 126) {
        socket.destroy();
        return;
      }
      if (buf.length < 6 + len) return;
      const mask = buf.subarray(2, 6);
      const payload = Buffer.from(buf.subarray(6, 6 + len).map((b, i) => b ^ (mask[i % 4] as number)));
      buf = buf.subarray(6 + len);
      if (opcode === 1) socket.write(frame(1, Buffer.from(`echo: ${payload.toString("utf8")}`)));
      else if (opcode === 8) {
        socket.end(frame(8, payload));
        return;
      }
    }
  };
  socket.on("data", take);
  if (head.length) take(Buffer.alloc(0));
}
