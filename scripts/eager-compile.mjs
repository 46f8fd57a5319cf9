// Makes V8 compile a start-up file's functions with the file, so that Node's compile cache
// holds them (scripts/build.mjs applies it to main.js, the runtime and the hot units).
//
// Why: Node's compile cache (module.enableCompileCache, Node 22.1+) stores a module's code
// as V8 compiled it before running it, and V8 compiles a function body only when the
// function is first called. So every function aim runs was parsed and compiled again on
// every start, cache or not: on Node 24, about a third of what `aim exec` cost beyond
// `node -e 0`. V8 compiles a function with its file when the function is written in
// parentheses (its "PIFE" heuristic, which esbuild keeps), so:
// - every function or arrow expression is put in parentheses (methods and accessors cannot
//   be, and stay lazy; Node 22's V8 compiles an arrow late all the same), and
// - every top-level `function f(…) {…}` becomes `var f=(function f(…) {…});` at the top
//   of the file: there, as a declaration would be, it is set before any other code runs.
//   (esbuild writes a module's exports as one list, never `export function`.)
// The source map is moved along with the code. Node 20 has no compile cache: there the file
// is compiled whole on every start (bench/README.md has the figures).
import { decode, encode } from "@jridgewell/sourcemap-codec";
import { parse } from "acorn";

const isNode = (v) => v !== null && typeof v === "object" && typeof v.type === "string";

/** Every node of `ast` with its parent. */
function* walk(node, parent = null) {
  yield [node, parent];
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (isNode(c)) yield* walk(c, node);
    } else if (isNode(v)) yield* walk(v, node);
  }
}

// A function expression that is a method, accessor or class member cannot be parenthesized.
const isMember = (parent) =>
  parent.type === "MethodDefinition" ||
  parent.type === "PropertyDefinition" ||
  (parent.type === "Property" && (parent.method || parent.kind !== "init"));

/** A function expression or arrow that can be written in parentheses (not a method or accessor). */
const canParenthesize = (node, parent) =>
  (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") && !isMember(parent);

/**
 * The edits: where to put parentheses, and which top-level declarations to lift. With `wanted`
 * (offset → whether the function that starts there is to be compiled eagerly), only those.
 */
function plan(text, wanted = () => true) {
  const ast = parse(text, { ecmaVersion: "latest", sourceType: "module", preserveParens: true });
  const parens = [];
  for (const [node, parent] of walk(ast)) {
    if (!canParenthesize(node, parent) || parent.type === "ParenthesizedExpression" || !wanted(node.start)) continue;
    parens.push({ at: node.start, text: "(" }, { at: node.end, text: ")" });
  }
  // ")" before "(" where both fall on one offset; the first "(" opens the outermost function.
  parens.sort((a, b) => a.at - b.at || (a.text === b.text ? 0 : a.text === ")" ? -1 : 1));
  const lifted = ast.body.filter((n) => n.type === "FunctionDeclaration" && wanted(n.start));
  return { parens, lifted };
}

/**
 * The offsets where a function starts that eagerCompile can compile with its file (or has:
 * in parentheses already), in `text` before or after it.
 */
export function eligibleStarts(text) {
  const ast = parse(text, { ecmaVersion: "latest", sourceType: "module", preserveParens: true });
  const out = new Set(ast.body.filter((n) => n.type === "FunctionDeclaration").map((n) => n.start));
  for (const [node, parent] of walk(ast)) {
    if (canParenthesize(node, parent)) out.add(node.start);
  }
  return out;
}

/**
 * Where in src/ the code at each offset of `text` comes from, by `map`: a function of the
 * offset giving "src/file.ts:line:column" (0-based, as source maps count) of the mapping that
 * starts exactly there, or undefined. A function is named by where its first token comes
 * from, in the build and in the profile alike (scripts/hot-profile.mjs).
 */
export function originsOf(text, map) {
  const starts = lineStarts(text);
  const at = new Map();
  for (const [line, segs] of decode(map.mappings).entries()) {
    for (const seg of segs) {
      if (seg.length < 4) continue;
      const source = map.sources[seg[1]].replace(/^(\.\.\/)+/, "");
      at.set(starts[line] + seg[0], `${source}:${seg[2]}:${seg[3]}`);
    }
  }
  return (offset) => at.get(offset);
}

/**
 * `text` rewritten, as pieces in the output's order: a piece copies text[from, to) or adds
 * literal `text`. The lifted declarations come first, then the rest of the file without them.
 */
function pieces(text, { parens, lifted }) {
  let next = 0; // the first of `parens` not placed yet: ranges are copied in the text's order
  const copy = (from, to) => {
    const out = [];
    let at = from;
    for (; next < parens.length && (parens[next].at < to || (parens[next].at === to && parens[next].text === ")")); next++) {
      const p = parens[next];
      if (p.at > at) out.push({ from: at, to: p.at });
      out.push({ text: p.text });
      at = p.at;
    }
    if (to > at) out.push({ from: at, to });
    return out;
  };
  const head = [];
  const body = [];
  let at = 0;
  for (const fn of lifted) {
    body.push(...copy(at, fn.start));
    head.push({ text: `var ${fn.id.name}=(` }, ...copy(fn.start, fn.end), { text: ");" });
    at = fn.end;
  }
  body.push(...copy(at, text.length));
  return head.length > 0 ? [...head, { text: "\n" }, ...body] : body;
}

const lineStarts = (text) => {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
};

/** The line of `offset`, by binary search over `starts`. */
const lineOf = (starts, offset) => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/**
 * `text` (an ES module) with its functions compiled with it, and `map` (its source map,
 * parsed; may be undefined) moved to match. Returns { text, map }.
 */
export function eagerCompile(text, map, hot) {
  const origin = hot && map ? originsOf(text, map) : undefined;
  const parts = pieces(text, plan(text, origin ? (offset) => hot.has(origin(offset)) : undefined));
  let out = "";
  const moved = []; // [from, to, newFrom] of each copied piece, in the old text's order
  for (const p of parts) {
    if (p.text !== undefined) out += p.text;
    else {
      moved.push([p.from, p.to, out.length]);
      out += text.slice(p.from, p.to);
    }
  }
  if (!map) return { text: out };
  moved.sort((a, b) => a[0] - b[0]);
  const oldStarts = lineStarts(text);
  const newStarts = lineStarts(out);
  const where = (offset) => {
    let lo = 0;
    let hi = moved.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (moved[mid][0] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const [from, to, newFrom] = moved[lo];
    return offset >= from && offset < to ? newFrom + offset - from : undefined;
  };
  const lines = newStarts.map(() => []);
  for (const [line, segs] of decode(map.mappings).entries()) {
    for (const seg of segs) {
      const offset = where((oldStarts[line] ?? text.length) + seg[0]);
      if (offset === undefined) continue;
      const newLine = lineOf(newStarts, offset);
      lines[newLine].push([offset - newStarts[newLine], ...seg.slice(1)]);
    }
  }
  for (const segs of lines) segs.sort((a, b) => a[0] - b[0]);
  return { text: out, map: { ...map, mappings: encode(lines) } };
}

/**
 * esbuild's in-memory `files` (code and maps) with those of `paths` compiled eagerly: every
 * function, or with `hot` (a Set of origins, scripts/hot-profile.mjs) only those.
 */
export function eagerOutputs(files, paths, hot) {
  const byPath = new Map(files.map((f) => [f.path, { path: f.path, text: f.text }]));
  for (const path of paths) {
    const code = byPath.get(path);
    if (!code) continue;
    const map = byPath.get(`${path}.map`);
    const done = eagerCompile(code.text, map && JSON.parse(map.text), hot);
    code.text = done.text;
    if (map) map.text = JSON.stringify(done.map);
  }
  return [...byPath.values()];
}
