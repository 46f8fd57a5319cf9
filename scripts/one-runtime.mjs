// The esbuild plugin and output fix-ups behind scripts/build.mjs's second pass.
//
// Every source file of the shared runtime is bundled once, into dist/chunks/runtime.js, which
// exports each file's exports under a name of its own (`AimError$0`): two files may export
// the same name. In the units (cli.js and the lazy ones), an import of such a file becomes a
// small proxy module that re-exports those names from runtime.js under their own names, so
// the unit's code is unchanged and shares the one instance of every class and variable.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, posix, relative } from "node:path";

const SKIP = Symbol("resolving");

/** `target` (a path below dist/) as an import specifier from a file in `fromDir`. */
const specifier = (fromDir, target) => {
  const p = posix.relative(fromDir, target);
  return p.startsWith(".") ? p : `./${p}`;
};

/** The runtime's entry: every shared file's exports, renamed apart. */
export function runtimeEntry(runtime, exportsOf) {
  return runtime
    .map((source, i) => {
      const names = exportsOf.get(source) ?? [];
      const from = JSON.stringify(`./${source}`);
      return names.length ? `export { ${names.map((n) => `${n} as ${n}$${i}`).join(", ")} } from ${from};` : `import ${from};`;
    })
    .join("\n");
}

/**
 * Places each import of a build whose outputs live in `fromDir` (below dist/): a file of the
 * runtime is the runtime (or, inside the runtime's own build, bundled as usual); a dynamic
 * import of another unit's entry stays a pointer to that unit's file.
 */
export function placement({ root, runtime, exportsOf, unitFiles, fromDir, inRuntime }) {
  const index = new Map(runtime.map((source, i) => [source, i]));
  return {
    name: "one-runtime",
    setup(b) {
      b.onResolve({ filter: /^aim-runtime$/, namespace: "aim-shared" }, () => ({ path: specifier(fromDir, "chunks/runtime.js"), external: true }));
      b.onResolve({ filter: /.*/ }, async (a) => {
        if (a.pluginData === SKIP || a.namespace !== "file" || a.kind === "entry-point") return undefined;
        const r = await b.resolve(a.path, { kind: a.kind, importer: a.importer, resolveDir: a.resolveDir, pluginData: SKIP });
        if (r.errors.length > 0 || r.external) return undefined;
        const source = relative(root, r.path).split("\\").join("/");
        if (index.has(source)) return inRuntime ? undefined : { path: source, namespace: "aim-shared" };
        if (a.kind === "dynamic-import" && unitFiles.has(source)) return { path: specifier(fromDir, unitFiles.get(source)), external: true };
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "aim-shared" }, (a) => {
        const i = index.get(a.path);
        const names = exportsOf.get(a.path) ?? [];
        const contents = names.length ? `export { ${names.map((n) => `${n}$${i} as ${n}`).join(", ")} } from "aim-runtime";` : `import "aim-runtime";`;
        return { contents, loader: "js" };
      });
    },
  };
}

/**
 * CommonJS dependencies bundled into ESM call require() for Node built-ins, and a few read
 * __filename/__dirname. Each file gets the shim it needs and no more (cli.js its #! line).
 */
function shims(text, isMain) {
  const lines = isMain ? ["#!/usr/bin/env node"] : [];
  // A call, not esbuild's unused __require helper: the helper alone needs no shim.
  if (/(?<![\w$.])(?:__require\d*(?:\(|\.(?!apply\b))|require\()/.test(text)) {
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
export function writeOutputs(files, mainPath) {
  const maps = new Map(files.filter((f) => f.path.endsWith(".map")).map((f) => [f.path, f]));
  for (const file of files) {
    if (file.path.endsWith(".map")) continue;
    const lines = shims(file.text, file.path === mainPath);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, lines.length ? `${lines.join("\n")}\n${file.text}` : file.text, { mode: file.path === mainPath ? 0o755 : 0o644 });
    const map = maps.get(`${file.path}.map`);
    if (!map) continue;
    const json = JSON.parse(map.text);
    json.mappings = ";".repeat(lines.length) + json.mappings;
    writeFileSync(map.path, JSON.stringify(json));
  }
}
