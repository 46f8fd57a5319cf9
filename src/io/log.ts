import { createRequire } from "node:module";
import type { Colors } from "picocolors/types.js";

// picocolors probes process.stdout when it loads, and reading process.stderr.isTTY sets
// up the stream: both cost start-up time, so they wait for the first message. Most runs
// of aim exec print none.
let colors: Colors | undefined;
const palette = (): Colors => {
  if (!colors) {
    const pc = createRequire(import.meta.url)("picocolors") as typeof import("picocolors");
    // stderr is where every human message goes, so colour follows stderr, not stdout.
    colors = pc.createColors(!("NO_COLOR" in process.env) && ("FORCE_COLOR" in process.env || (process.stderr.isTTY ?? false)));
  }
  return colors;
};

const line = (text: string): void => {
  process.stderr.write(`${palette().dim("aim:")} ${text}\n`);
};

export const log = {
  info: (text: string): void => line(text),
  warn: (text: string): void => line(palette().yellow(text)),
  error: (text: string): void => line(palette().red(text)),
  get colors(): Colors {
    return palette();
  },
};
