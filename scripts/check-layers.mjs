// Layers point down: a module may import from its own folder and from folders of a lower
// rank, never upwards. Run by `npm test` (the lint step); prints each offending import.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Lower rank = further down. Same rank may not import each other unless it is the same folder. */
export const RANKS = {
  errors: 0,
  generated: 0,
  schemas: 0,
  shells: 1,
  core: 2,
  runtime: 3,
  terminal: 4,
  store: 5,
  project: 6,
  // The loopback proxy (aim exec --broker, aim run, the per-user broker): below run/, which starts it.
  broker: 6.5,
  run: 7,
  // MCP client configs: discovery and the rewrite. Below doctor, which reports what it finds.
  mcp: 7.5,
  hook: 8,
  doctor: 8,
  api: 9,
  commands: 9,
  cli: 10,
  index: 10,
};

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const layerOf = (file) => {
  const rel = relative(src, file);
  const top = rel.split("/")[0];
  return top.replace(/\.(ts|js)$/, "");
};

export function violations() {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ts$/.test(name) && !name.endsWith(".d.ts")) check(p);
    }
  };
  const check = (file) => {
    const from = layerOf(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const to = layerOf(resolve(dirname(file), m[1]));
      if (to === from) continue;
      const a = RANKS[from];
      const b = RANKS[to];
      if (a === undefined || b === undefined)
        out.push(
          `${relative(root, file)}: folder without a rank (${a === undefined ? from : to}); add it to RANKS in scripts/check-layers.mjs`,
        );
      else if (b >= a) out.push(`${relative(root, file)} imports ${m[1]}: ${from} (rank ${a}) may not import ${to} (rank ${b})`);
    }
  };
  walk(src);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = violations();
  for (const v of found) console.error(`layers: ${v}`);
  process.exit(found.length ? 1 : 0);
}
