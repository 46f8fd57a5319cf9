// The esbuild plugin and output fix-ups behind scripts/build.mjs's second pass.
//
// Every shared source file is bundled once, into dist/chunks/runtime.js (or, if no start-up
// path needs it, runtime-cold.js), and initialised on first use: a runtime exports one
// loader per file (`load$3`), which runs that file's top level (and its imports') the first
// time a unit asks for it. A unit's import of such a file becomes a small proxy that calls
// the loader and re-exports the names, so the unit's code is unchanged and shares the one
// instance of every class and variable.
// Node built-ins that Node loads for any ES module anyway (node:fs, node:path…) are imported
// as usual. The others are required inside the runtime, when the file that needs them is
// first initialised: an ES import would load them all when the runtime loads (node:crypto
// or node:net cost milliseconds), and a file that no unit of this command needs must cost
// nothing beyond its bytes. (Requiring every built-in costs more: esbuild copies a
// required module's properties for each file that imports it.)
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, posix, relative } from "node:path";

const SKIP = Symbol("resolving");

/** `target` (a path below dist/) as an import specifier from a file in `fromDir`. */
const specifier = (fromDir, target) => {
  const p = posix.relative(fromDir, target);
  return p.startsWith(".") ? p : `./${p}`;
};

const BUILTINS = new Set(builtinModules);
const LOADED = spawnSync(process.execPath, ["--input-type=module", "-e", "console.log(process.moduleLoadList.join('\\n'))"], {
  encoding: "utf8",
});
const FREE = new Set(LOADED.stdout.split("\n").flatMap((m) => (m.startsWith("NativeModule ") ? [m.slice(13), `node:${m.slice(13)}`] : [])));
/** A built-in that an ES import would load although Node has not yet: require it instead. */
const requireLazily = (path) => (path.startsWith("node:") || BUILTINS.has(path)) && !FREE.has(path);

/**
 * The files of `sources` that need initialising on first use: those whose static imports
 * reach a built-in that Node has not loaded yet, nor every command loads (`loadedAnyway`);
 * `inputs` is esbuild's metafile.inputs.
 * The others are plain ES modules of the runtime, evaluated when it loads.
 */
export function lazyFiles(sources, inputs, loadedAnyway = new Set()) {
  const memo = new Map();
  const reaches = (source) => {
    if (memo.has(source)) return memo.get(source);
    memo.set(source, false);
    const hit = (inputs[source]?.imports ?? []).some(
      (i) => i.kind === "import-statement" && (i.external ? requireLazily(i.path) && !loadedAnyway.has(i.path) : reaches(i.path)),
    );
    memo.set(source, hit);
    return hit;
  };
  return new Set(sources.filter(reaches));
}

/** A runtime's entry: each plain file's exports renamed apart, a loader for each lazy one. */
export const runtimeEntry = (sources, exportsOf, lazy) =>
  sources
    .map((source, i) => {
      const from = JSON.stringify(`./${source}`);
      if (lazy.has(source)) return `export const load$${i} = () => require(${from});`;
      const names = exportsOf.get(source) ?? [];
      return names.length ? `export { ${names.map((n) => `${n} as ${n}$${i}`).join(", ")} } from ${from};` : `import ${from};`;
    })
    .join("\n");

/** The module a unit sees in place of the shared file `i` of `runtime`: its exports. */
export function proxy(i, names, runtime = "chunks/runtime.js", lazy = true) {
  const from = `"aim-runtime:${runtime}"`;
  if (!lazy) return names.length ? `export { ${names.map((n) => `${n}$${i} as ${n}`).join(", ")} } from ${from};` : `import ${from};`;
  const named = names.filter((n) => n !== "default");
  return [
    `import { load$${i} } from ${from};`,
    `const m = load$${i}();`,
    ...(named.length ? [`export const { ${named.join(", ")} } = m;`] : []),
    ...(names.includes("default") ? ["export default m.default;"] : []),
  ].join("\n");
}

/**
 * Places each import of a build whose outputs live in `fromDir` (below dist/). `homes` maps
 * each shared file to its runtime and loader; `self` is the runtime being built, if any. A
 * file of another runtime becomes a proxy, except that a dynamic import of a cold runtime's
 * file goes to its stub (so that the cold runtime loads only then); a file of `self` is
 * bundled as usual, and there a built-in is required. A dynamic import of a unit's entry
 * stays a pointer to that unit's file.
 */
export function placement({ root, homes, exportsOf, unitFiles, fromDir, self, loadedAnyway = new Set() }) {
  return {
    name: "one-runtime",
    setup(b) {
      b.onResolve({ filter: /^aim-runtime:/, namespace: "aim-shared" }, (a) => ({
        path: specifier(fromDir, a.path.slice("aim-runtime:".length)),
        external: true,
      }));
      b.onResolve({ filter: /^aim-stub:/ }, (a) => ({ path: a.path.slice("aim-stub:".length), namespace: "aim-shared" }));
      b.onResolve({ filter: /.*/ }, async (a) => {
        if (a.pluginData === SKIP || a.namespace !== "file" || a.kind === "entry-point") return undefined;
        if (self && a.kind === "import-statement" && requireLazily(a.path) && !loadedAnyway.has(a.path))
          return { path: a.path, namespace: "aim-builtin" };
        const r = await b.resolve(a.path, { kind: a.kind, importer: a.importer, resolveDir: a.resolveDir, pluginData: SKIP });
        if (r.errors.length > 0 || r.external) return undefined;
        const source = relative(root, r.path).split("\\").join("/");
        const home = homes.get(source);
        if (home && home.runtime === self) return undefined;
        if (a.kind === "dynamic-import" && unitFiles.has(source))
          return { path: specifier(fromDir, unitFiles.get(source)), external: true };
        return home ? { path: source, namespace: "aim-shared" } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "aim-shared" }, (a) => {
        const home = homes.get(a.path);
        return { contents: proxy(home.index, exportsOf.get(a.path) ?? [], home.runtime, home.lazy), loader: "js" };
      });
      // CommonJS, so that the importing file requires it when it is initialised.
      b.onLoad({ filter: /.*/, namespace: "aim-builtin" }, (a) => ({
        contents: `module.exports = require(${JSON.stringify(a.path)});`,
        loader: "js",
      }));
    },
  };
}

/**
 * CommonJS dependencies bundled into ESM call require() for Node built-ins, and a few read
 * __filename/__dirname. Each file gets the shim it needs and no more.
 */
function shims(text) {
  const lines = [];
  // A call, or esbuild's helper for one (minified: its name says nothing, its text does).
  if (/(?<![\w$.])require\(|typeof require</.test(text)) {
    lines.push('import { createRequire as __aimRequire } from "node:module"; const require = __aimRequire(import.meta.url);');
  }
  if (/\b__(filename|dirname)\b/.test(text)) {
    lines.push(
      'import { fileURLToPath as __aimPath } from "node:url"; const __filename = __aimPath(import.meta.url); const __dirname = __aimPath(new URL(".", import.meta.url));',
    );
  }
  return lines;
}

/**
 * Writes esbuild's in-memory outputs with their shims. A shim line put before the code
 * shifts it down: the file's source map gets as many empty lines (";") at its start.
 */
export function writeOutputs(files) {
  const maps = new Map(files.filter((f) => f.path.endsWith(".map")).map((f) => [f.path, f]));
  for (const file of files) {
    if (file.path.endsWith(".map")) continue;
    const lines = shims(file.text);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, lines.length ? `${lines.join("\n")}\n${file.text}` : file.text, { mode: 0o644 });
    const map = maps.get(`${file.path}.map`);
    if (!map) continue;
    const json = JSON.parse(map.text);
    json.mappings = ";".repeat(lines.length) + json.mappings;
    writeFileSync(map.path, JSON.stringify(json));
  }
}

/** A built-in that Node loads for any ES module: importing it costs nothing. */
export const isFree = (path) => FREE.has(path);
