import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// dist/ is minified, with a source map beside each file. Node maps stack frames only for
// files loaded after source maps were turned on, and cli.js and the runtime load before any
// of aim's code runs: so AIM_DEBUG's stacks are mapped here, frame by frame, when printed.

const maps = new Map<string, SourceMap | null>();

function mapOf(file: string): SourceMap | null {
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))));
    } catch {
      maps.set(file, null); // no map (node's own files, a test run from src/): leave as is
    }
  }
  return maps.get(file) ?? null;
}

const FRAME = /(file:\/\/\/[^\s()]+|\/[^\s():]+):(\d+):(\d+)/;

/** `stack` with each frame in a bundled file of aim pointed at its place in src/. */
export function mappedStack(stack: string): string {
  return stack
    .split("\n")
    .map((line) => {
      const m = line.match(FRAME);
      if (!m?.[1] || !line.trimStart().startsWith("at ")) return line;
      const file = m[1].startsWith("file:") ? fileURLToPath(m[1]) : m[1];
      const entry = mapOf(file)?.findEntry(Number(m[2]) - 1, Number(m[3]) - 1);
      if (!entry || !("originalSource" in entry) || entry.originalSource.startsWith("aim-")) return line;
      const source = resolve(dirname(file), entry.originalSource);
      return line.replace(m[0], `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
    })
    .join("\n");
}
