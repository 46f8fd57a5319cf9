// Layers point down: a module may import from its own folder and from folders of a lower
// rank, never upwards. Run by `npm test` (the lint step); prints each offending import.
// Purity, per file: every file of a pure folder (PURE_FOLDERS), and every file elsewhere that
// starts with a `// @pure` line (a provider's format code, the hook's diff, masking), does
// no I/O: no `process.` or `console.`, no node module that reaches the system, and only
// pure files among its relative imports. Such a file is unit-tested without a keyring.
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
  run: 7,
  // MCP client configs: discovery and the rewrite. Below doctor, which reports what it finds.
  mcp: 7.5,
  // aim scan: reads the store and the MCP client table; doctor runs a quick scan.
  scan: 7.75,
  hook: 8,
  doctor: 8,
  // The CLI framework (specs, parsing, usage, help, the completion engine): below the
  // commands, which declare themselves with it; it knows no command.
  cli: 8.5,
  api: 9,
  commands: 9,
  // The entry points: src/cli.ts (the aim command) and src/index.ts (the library).
  entry: 10,
  index: 10,
};

/** Folders whose every file is pure. */
export const PURE_FOLDERS = ["core", "errors", "generated"];
/** Node modules that reach the system: a pure file imports none of them. */
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|os|process|tty|dgram|dns|worker_threads|cluster|readline|inspector|v8|vm)$/;

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const layerOf = (file) => {
  const rel = relative(src, file);
  if (rel === "cli.ts" || rel === "cli.js") return "entry";
  const top = rel.split("/")[0];
  return top.replace(/\.(ts|js)$/, "");
};

const isPure = (file, text) => PURE_FOLDERS.includes(layerOf(file)) || /^\/\/ @pure\b/m.test(text);
// Comments and strings may name process.env: only code counts.
const code = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1")
    .replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""');

function purity(file, text) {
  const out = [];
  const where = relative(root, file);
  if (/\b(process|console)\./.test(code(text))) out.push(`${where}: a pure file uses process or console`);
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"'.][^"']*)["']/g)) {
    if (IO_MODULES.test(m[1])) out.push(`${where}: a pure file imports ${m[1]}`);
  }
  // `import type` brings no code: only imports of values count.
  for (const m of text.matchAll(/(?:^import (?!type\b)[^;]*?from|import\s*\()\s*["'](\.{1,2}\/[^"']+)["']/gm)) {
    const target = resolve(dirname(file), m[1]).replace(/\.js$/, ".ts");
    let other;
    try {
      other = readFileSync(target, "utf8");
    } catch {
      continue; // generated/ (.d.ts) and JSON: data, not code with effects
    }
    if (!isPure(target, other)) out.push(`${where} is pure but imports ${m[1]}, which is not (mark it // @pure or move it)`);
  }
  return out;
}

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
    if (isPure(file, text)) out.push(...purity(file, text));
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
