import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/** All of standard input, as bytes. */
export async function readStdinBytes(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** All of standard input as UTF-8 (invalid bytes become U+FFFD: use readStdinBytes where that matters). */
export async function readStdin(): Promise<string> {
  return (await readStdinBytes()).toString("utf8");
}

/** A prompt on stderr (or `out`) whose answer is not echoed. */
export function promptHidden(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  out: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) out.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output, terminal: true });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      out.write("\n");
      rl.close();
      resolve(answer);
    });
    muted = true;
    rl.on("SIGINT", () => {
      rl.close();
      out.write("\n");
      reject(Object.assign(new Error("cancelled"), { code: "ABORT_ERR" }));
    });
  });
}
