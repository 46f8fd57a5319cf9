import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode, encode } from "@jridgewell/sourcemap-codec";
import { parse } from "acorn";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { eagerCompile, originsOf } from "../../scripts/eager-compile.mjs";
import { ROOT } from "../helpers/cli.js";

// scripts/eager-compile.mjs: a start-up file's functions are compiled with the file (so that
// Node's compile cache holds them), the file does what it did, and its source map still
// points every mapped character at the same place in src/.

// As esbuild writes a module: its exports in one list at the end.
const SAMPLE = `const early = hoisted(2);
function hoisted(n) { return n * 2; }
export const arrow = (x) => x + 1;
export const fn = function named() { return named.name; };
async function later() { return await Promise.resolve(early); }
function* gen() { yield 1; yield 2; }
export class Box { constructor(v) { this.v = v; } get twice() { return this.v * 2; } static of(v) { return new Box(v); } }
export const obj = { m() { return "m"; }, get g() { return "g"; }, f: () => "f" };
export const names = [hoisted.name, later.name, gen.name, fn.name, arrow.name];
export { early, hoisted, later, gen };
`;

const dir = mkdtempSync(join(tmpdir(), "aim-eager-"));
const run = (name: string, text: string, flags: string[] = []) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  const script = `import("${file}").then(async (m) => console.log(JSON.stringify([m.early, m.hoisted(3), m.arrow(1), m.fn(), await m.later(), [...m.gen()], m.Box.of(4).twice, m.obj.m(), m.obj.g, m.obj.f(), m.names])))`;
  const r = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", script], { encoding: "utf8", cwd: dir });
  assert.is(r.status, 0, r.stderr);
  return r.stdout;
};

const eager = suite("eager-compile: the file does what it did");
eager("functions, declarations used before their line, classes, methods and accessors", () => {
  const out = eagerCompile(SAMPLE).text;
  assert.is(run("after.mjs", out), run("before.mjs", SAMPLE));
  assert.is(
    run("after.mjs", out),
    `${JSON.stringify([4, 6, 2, "named", 4, [1, 2], 8, "m", "g", "f", ["hoisted", "later", "gen", "named", "arrow"]])}\n`,
  );
});

/** The functions of `text` that V8 compiled only when they were first called (it logs parse-function then). */
function compiledLate(name: string, text: string): string[] {
  const log = join(dir, `${name}.log`);
  run(name, text, ["--log-function-events", `--logfile=${log}`, "--no-logfile-per-isolate"]);
  const lines = readFileSync(log, "utf8").split("\n");
  const id = lines.find((l) => l.startsWith("script-details,") && l.includes(name))?.split(",")[1];
  assert.ok(id, `no script ${name} in V8's log`);
  return lines.filter((l) => l.startsWith(`function,parse-function,${id},`)).map((l) => l.split(",").at(-1) ?? "");
}

eager("V8 compiles every function with the file but methods and accessors", () => {
  const before = compiledLate("lazy.mjs", SAMPLE);
  assert.ok(before.includes("hoisted") && before.includes("named"), before.join(" "));
  // Methods, accessors and constructors cannot be written in parentheses: they stay lazy.
  const members = new Set(["Box", "get twice", "twice", "of", "m", "get g", "g"]);
  // Before Node 24, V8 compiles an arrow in parentheses late all the same; Node 20's, an
  // async function or a generator too (and Node 20 has no compile cache to keep them).
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 24) for (const n of ["arrow", "obj.f"]) members.add(n);
  if (major < 22) for (const n of ["later", "gen"]) members.add(n);
  const after = compiledLate("eager.mjs", eagerCompile(SAMPLE).text);
  assert.equal(
    after.filter((n) => !members.has(n)),
    [],
  );
  assert.ok(after.length < before.length, `${after.join(" ")} against ${before.join(" ")}`);
});

eager("the source map still maps each character to where it came from", () => {
  // A map of every character of SAMPLE to its own line and column, as if SAMPLE were built.
  const lines = SAMPLE.split("\n");
  const segments = lines.map((l, line) => [...l].map((_, col): [number, number, number, number] => [col, 0, line, col]));
  const map = { version: 3, sources: ["sample.ts"], names: [], mappings: encode(segments) };
  const done = eagerCompile(SAMPLE, map);
  const outLines = done.text.split("\n");
  let checked = 0;
  for (const [line, segs] of decode(done.map.mappings).entries()) {
    for (const [col, , srcLine, srcCol] of segs as [number, number, number, number][]) {
      assert.is(outLines[line]?.[col], lines[srcLine]?.[srcCol], `${line}:${col} maps to ${srcLine}:${srcCol}`);
      checked++;
    }
  }
  assert.is(checked, segments.flat().length, "no mapping lost");
});

eager("with a profile, only its functions: the others stay lazy, and the file does what it did", () => {
  const lines = SAMPLE.split("\n");
  const segments = lines.map((l, line) => [...l].map((_, col): [number, number, number, number] => [col, 0, line, col]));
  const map = { version: 3, sources: ["sample.ts"], names: [], mappings: encode(segments) };
  // Where `hoisted` and the `named` function expression start in SAMPLE, as the profile names them.
  const at = (needle: string) => {
    const line = lines.findIndex((l) => l.includes(needle));
    return `sample.ts:${line}:${(lines[line] as string).indexOf(needle)}`;
  };
  const hot = new Set([at("function hoisted"), at("function named")]);
  const out = eagerCompile(SAMPLE, map, hot).text;
  assert.is(run("profiled.mjs", out), run("before.mjs", SAMPLE));
  const late = compiledLate("profiled.mjs", out);
  assert.not.ok(late.includes("hoisted") || late.includes("named"), late.join(" "));
  assert.ok(late.includes("later") && late.includes("gen"), `not in the profile, compiled late: ${late.join(" ")}`);
  assert.match(out, /^var hoisted=\(function hoisted/);
  assert.match(out, /\nasync function later\(\)/);
});

eager.after(() => rmSync(dir, { recursive: true, force: true }));
eager.run();

const built = suite("dist/: the start-up files' hot functions are compiled with them");
built("main.js and the runtime: each function of scripts/hot-functions.json in parentheses, no other top-level declaration lifted", () => {
  const hot = new Set<string>(JSON.parse(readFileSync(join(ROOT, "scripts", "hot-functions.json"), "utf8")).functions);
  let inParens = 0;
  for (const file of ["main.js", "runtime.js"]) {
    const path = join(ROOT, "dist", "chunks", file);
    const text = readFileSync(path, "utf8");
    const origin = originsOf(text, JSON.parse(readFileSync(`${path}.map`, "utf8")));
    const ast = parse(text, { ecmaVersion: "latest", sourceType: "module", preserveParens: true });
    for (const n of ast.body) {
      if (n.type === "FunctionDeclaration") assert.not.ok(hot.has(origin(n.start) ?? ""), `${file}: hot ${n.id.name} left lazy`);
    }
    const walk = (node: unknown, parent: { type: string } | null) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) {
        for (const c of node) walk(c, parent);
        return;
      }
      const n = node as { type?: string; start: number };
      if (typeof n.type !== "string") return;
      if ((n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression") && hot.has(origin(n.start) ?? "")) {
        assert.is(parent?.type, "ParenthesizedExpression", `${file}: hot function at ${origin(n.start)} not in parentheses`);
        inParens++;
      }
      for (const [k, v] of Object.entries(n)) if (k !== "type") walk(v, n as { type: string });
    };
    walk(ast, null);
  }
  // The build warns below 90%; stale enough to matter, the profile fails the suite.
  assert.ok(inParens >= 0.75 * hot.size, `${inParens} of ${hot.size} profiled functions found in dist/: run npm run profile:hot`);
});
built.run();
