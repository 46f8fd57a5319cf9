// The other shape for bench/README.md: a self-contained hot bundle for the start-up paths and
// plain esbuild splitting for the rest, with everything else as in scripts/build.mjs
// (minified with source maps, the same externals, the built-in facade, the compile-cache
// entry). `npm run build && node scripts/build-hot.mjs` writes it to bench/.tmp/hot-dist,
// inside the repository so that the native addon still resolves from node_modules; then
// `npm run bench -- --quick --aim-old bench/.tmp/hot-dist` measures it against dist/,
// interleaved in one run.
//
// cli.js turns the compile cache on and then picks one of two builds by the command word:
//  - `aim exec` and `aim hook-env` import hot.js: src/cli.ts bundled alone, without
//    splitting, so that everything those two commands can reach is in that one file, the
//    units they load lazily too (esbuild inlines an `await import` of a bundled file and
//    runs it when first awaited). The command registry is the one thing replaced: in
//    hot.js it lists exec and hook-env only (their help still works), so that the other
//    commands' code stays out of it;
//  - every other command imports main.js: src/cli.ts with esbuild's plain code splitting
//    (scripts/build-plain.mjs's shape).
// The two never meet in one process, so a class is still one class and module state one per
// process, without a shared runtime.
//
// Measured (bench/README.md, "Against the simpler shape"), it loses to scripts/build.mjs on
// every start-up path: in one file esbuild hoists every import of a built-in to the top, so
// each start loads node:crypto, node:tls, node:net and more, which the single runtime
// requires only on first use (scripts/one-runtime.mjs). Kept for the record and to measure
// again.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { builtinFacade, failOnMissingExports } from "./builtin-facade.mjs";
import { writeEntry } from "./cli-entry.mjs";
import { writeOutputs } from "./one-runtime.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = join(root, "bench", ".tmp", process.argv.includes("--vendor") ? "hot-vendor-dist" : "hot-dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** The commands of hot.js: their names are the words cli.js dispatches on (neither has an alias). */
const HOT = [
  { word: "exec", spec: "./exec.spec.ts", name: "exec" },
  { word: "hook-env", spec: "./hook-env.spec.ts", name: "hookEnv" },
];

const options = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  logLevel: "warning",
  external: ["@napi-rs/keyring", "clipboardy", "typescript", "dbus-next"],
  define: { AIM_VERSION: JSON.stringify(pkg.version) },
  metafile: true,
  write: false,
};

// cli.ts loads the registry only for help and unknown words; in hot.js the words are known.
const hotRegistry = {
  name: "hot-registry",
  setup(b) {
    b.onResolve({ filter: /\/commands\/registry\.js$/ }, (a) =>
      a.importer.endsWith("src/cli.ts") ? { path: "registry", namespace: "aim-hot" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "aim-hot" }, () => ({
      contents: [
        ...HOT.map((h) => `import { ${h.name} } from ${JSON.stringify(h.spec)};`),
        `export const COMMANDS = [${HOT.map((h) => h.name).join(", ")}];`,
      ].join("\n"),
      resolveDir: join(root, "src", "commands"),
      loader: "ts",
    }));
  },
};

// --vendor: a package that the hot paths import lazily (await import("x")) is its own file,
// vendor/x.js, loaded when first needed, instead of bytes in hot.js that every start parses.
// A package holds none of aim's module state, so a copy of it beside the split build's is
// harmless.
const VENDOR = process.argv.includes("--vendor");
const lazyPackages = new Set();
const vendor = {
  name: "vendor",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.kind !== "dynamic-import" || a.path.startsWith("node:") || options.external.includes(a.path)) return undefined;
      lazyPackages.add(a.path);
      return { path: `./vendor/${a.path}.js`, external: true };
    });
  },
};

const [hot, split] = await Promise.all([
  build({
    ...options,
    entryPoints: { hot: "src/cli.ts" },
    outdir: out,
    plugins: [hotRegistry, ...(VENDOR ? [vendor] : []), builtinFacade],
  }),
  build({
    ...options,
    entryPoints: { main: "src/cli.ts" },
    outdir: out,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    plugins: [builtinFacade],
  }),
]);
const vendored =
  lazyPackages.size === 0
    ? []
    : [
        await build({
          ...options,
          entryPoints: Object.fromEntries([...lazyPackages].map((p) => [`vendor/${p}`, p])),
          outdir: out,
          plugins: [builtinFacade],
        }),
      ];
failOnMissingExports([hot, split, ...vendored]);
for (const r of [hot, split, ...vendored]) writeOutputs(r.outputFiles);
writeEntry(
  out,
  `const word = process.argv[2];
import(${HOT.map((h) => `word === ${JSON.stringify(h.word)}`).join(" || ")} ? "./hot.js" : "./main.js");`,
);
// AIM_BUILD_VERBOSE=1: what hot.js is made of, by package and by folder of src/.
if (process.env.AIM_BUILD_VERBOSE) {
  const o = Object.values(hot.metafile.outputs).find((o) => o.entryPoint === "src/cli.ts");
  const by = {};
  for (const [f, i] of Object.entries(o.inputs)) {
    const k = f.replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, "$1").replace(/^src\/([^/]+)\/.*/, "src/$1");
    by[k] = (by[k] ?? 0) + i.bytesInOutput;
  }
  console.error(
    Object.entries(by)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => `${k} ${Math.round(v / 1024)}K`)
      .join("\n"),
  );
}
const js = (r) => Object.keys(r.metafile.outputs).filter((f) => f.endsWith(".js"));
const hotBytes = (r) => Object.values(r.metafile.outputs).find((o) => o.entryPoint === "src/cli.ts").bytes;
console.error(
  `build-hot: cli.js, hot.js (${Math.round(hotBytes(hot) / 1024)} KiB, ${Object.keys(hot.metafile.inputs).length} inputs) and ${js(split).length} split files${lazyPackages.size ? `, vendor: ${[...lazyPackages].join(" ")}` : ""} in ${out}`,
);
