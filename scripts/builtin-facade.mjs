// An esbuild plugin for the CLI's bundles: `import { readFileSync } from "node:fs"` becomes a
// read of process.getBuiltinModule("node:fs") (Node 20.16+, 22.3+).
//
// Why: for an ES import of a built-in, Node builds the module's ES facade, and to do so reads
// every export. node:fs has lazy getters (promises, ReadStream…), so the facade loads
// fs/promises, streams, readline and more: about 34 internal modules, a few milliseconds of
// every `aim exec`, and none of them used. node:util is the same on Node 24. Node loads the
// CommonJS side of these modules at start-up anyway, so getBuiltinModule costs nothing.
//
// The module put in their place exports the plain (non-getter) properties by name. A getter
// is left out on purpose, so that reading it cannot load what the facade would have: a named
// import of one fails the build ("No matching export"), and a namespace import's use of one is
// a warning that the build turns into an error (see failOnMissingExports).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FACADES = ["node:fs", "node:util", "node:buffer"];
const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The names a facade for `name` exports: what Node's own facade has, but the getters. */
export function plainExports(name) {
  const mod = require(name);
  return Object.entries(Object.getOwnPropertyDescriptors(mod))
    .filter(([key, d]) => !d.get && IDENT.test(key) && key !== "default")
    .map(([key]) => key);
}

// Each export is a call marked pure, so that the bundle keeps only the names its code uses
// (a plain `m.name` read might run a getter, and esbuild would keep them all).
export const contents = (name) =>
  [
    `const m = process.getBuiltinModule(${JSON.stringify(name)});`,
    "const get = (k) => m[k];",
    "export default m;",
    `export const ${plainExports(name)
      .map((k) => `${k} = /* @__PURE__ */ get(${JSON.stringify(k)})`)
      .join(", ")};`,
  ].join("\n");

export const builtinFacade = {
  name: "builtin-facade",
  setup(b) {
    const filter = new RegExp(`^(${FACADES.map((f) => f.replace(/[.:]/g, "\\$&")).join("|")})$`);
    b.onResolve({ filter }, (a) => (a.kind === "import-statement" ? { path: a.path, namespace: "aim-facade" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "aim-facade" }, (a) => ({ contents: contents(a.path), loader: "js" }));
  },
};

/** esbuild warns, not fails, when code reads an export a module lacks: here that is a bug. */
export function failOnMissingExports(results) {
  const missing = results.flatMap((r) => r.warnings).filter((w) => /will always be undefined/.test(w.text));
  if (missing.length === 0) return;
  for (const w of missing) console.error(`build: ${w.location?.file}:${w.location?.line}: ${w.text}`);
  console.error("build: a getter of node:fs or node:util is not in scripts/builtin-facade.mjs's facade: import it from its own module");
  process.exit(1);
}
