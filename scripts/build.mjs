// Bundles src/ into dist/: the CLI, the library (dist/index.js, built apart so the CLI never
// loads it) and the library's type declarations (tsc --emitDeclarationOnly).
//
// The CLI is cli.js (a few lines: see ENTRY), its main module (dist/chunks/main.js, from
// src/cli.ts), one shared runtime (dist/chunks/runtime.js) and one file per lazily loaded
// unit (a command, a library behind an `await import`), so that `aim exec` and the hook's
// `aim hook-env` load four files before they start their work. Node's ES module
// loader pays for every file it loads (resolve, read, link), and on a slow machine a dozen
// small shared chunks cost more than the code in them.
//
// Pass 1: esbuild with code splitting decides the lazy units and which source files each
// needs (static imports, transitively). A file that cli.ts or two units need is shared: it
// goes into the runtime if a start-up path (HOT_PATHS) loads it, else into the cold runtime
// (dist/chunks/runtime-cold.js), which only the commands that need it load: its bytes alone
// would cost `aim exec` milliseconds. Any other file goes into the one unit that needs it
// (scripts/chunk-graph.mjs).
// Pass 2: main.js, the units and the two runtimes are bundled from src/ with that placement
// (scripts/one-runtime.mjs): each source file exists once in dist/, so a class is one class
// and module state is one per process. A runtime initialises a file when a unit first needs
// it. Packages are bundled with the code that imports them.
// The CLI is minified (start-up: fewer bytes to parse) with source maps beside it, which
// AIM_DEBUG=1 applies to its stacks; the library is not minified.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { builtinFacade, failOnMissingExports } from "./builtin-facade.mjs";
import { writeEntry } from "./cli-entry.mjs";
import { eagerOutputs } from "./eager-compile.mjs";
import { closureInputs, forbiddenIn, outputFor, partition } from "./chunk-graph.mjs";
import { isFree, lazyFiles, placement, runtimeEntry, writeOutputs } from "./one-runtime.mjs";
import "./gen-validators.mjs";
import "./gen-hooks.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

// The hot paths: `aim exec` before it starts its command, and what the shell hook runs on
// a change of directory; then the units they load lazily inside a project (trust records,
// config parsing). Libraries that must never load there: writers, the clipboard, the .env
// parser, cross-spawn off Windows, colours; and before a config file is found, its parsers.
const NEVER = [
  "proper-lockfile",
  "write-file-atomic",
  "clipboardy",
  "dotenv",
  "cross-spawn",
  "picocolors",
  "@peculiar/asn1-x509",
  "@peculiar/asn1-schema",
];
const HOT_PATHS = [
  { sources: ["src/commands/exec.ts", "src/commands/hook-env.ts"], forbidden: [...NEVER, "cosmiconfig", "js-yaml"] },
  { sources: ["src/project/trust.ts", "src/project/config-load.ts"], forbidden: NEVER },
];

// The broker's certificate packages ship an ES build ("module") beside the CommonJS one that
// esbuild picks for Node ("main"): from the ES build it drops what aim does not use, and the
// broker's start-up loads about a third fewer bytes (bench/README.md, "Broker").
const ES_BUILDS = /^(@peculiar\/[^/]+|asn1js|pvtsutils|pvutils)$/;
const esBuilds = {
  name: "es-builds",
  setup(b) {
    b.onResolve({ filter: ES_BUILDS }, async (args) => {
      const manifest = await b.resolve(`${args.path}/package.json`, { kind: args.kind, resolveDir: args.resolveDir });
      if (manifest.errors.length > 0) return undefined;
      const { module } = JSON.parse(readFileSync(manifest.path, "utf8"));
      return module ? { path: join(dirname(manifest.path), module) } : undefined;
    });
  },
};

const MAIN = "src/cli.ts";
const base = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // Native addon, and packages that find their own files by path: load from node_modules.
  // typescript: cosmiconfig's .ts loader, which aim never uses (it refuses code configs).
  // dbus-next: requires optional helpers (x11, usocket) that may be absent; loaded rarely.
  external: ["@napi-rs/keyring", "clipboardy", "typescript", "dbus-next"],
  define: { AIM_VERSION: JSON.stringify(pkg.version) },
  plugins: [esBuilds],
};
const cliOptions = { ...base, outdir: dist, minify: true, sourcemap: true, sourcesContent: false, metafile: true, write: false };

const pass1 = await build({
  ...base,
  entryPoints: { cli: MAIN },
  outdir: dist,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  metafile: true,
  write: false,
});
const { runtime, coldRuntime, units, stubs } = partition(
  pass1.metafile,
  MAIN,
  HOT_PATHS.flatMap((h) => h.sources),
);
// In the runtime, a file is evaluated when the runtime loads, unless it needs a built-in
// that neither Node nor every command (cli.ts's imports) has loaded: then when a unit first
// needs it. The cold runtime is all lazy.
const { inputs } = pass1.metafile;
const everyCommand = [...closureInputs(pass1.metafile, outputFor(pass1.metafile, MAIN)).keys()];
const builtinsAnyway = new Set(
  everyCommand.flatMap((s) => (inputs[s]?.imports ?? []).filter((i) => i.external && i.kind === "import-statement").map((i) => i.path)),
);
const RUNTIMES = [
  { file: "chunks/runtime.js", sources: runtime, lazy: lazyFiles(runtime, inputs, builtinsAnyway) },
  { file: "chunks/runtime-cold.js", sources: coldRuntime, lazy: new Set(coldRuntime) },
];
const homes = new Map(
  RUNTIMES.flatMap(({ file, sources, lazy }) => sources.map((source, index) => [source, { runtime: file, index, lazy: lazy.has(source) }])),
);
// Units and stubs keep their first-pass file names (below dist/); cli.ts becomes chunks/main.js.
const named = (list) => list.filter((u) => u.entry !== MAIN).map((u) => ({ ...u, file: u.out.replace(/^dist\//, "") }));
const lazy = named(units);
const unitFiles = new Map([...lazy, ...named(stubs)].map((u) => [u.entry, u.file]));

// The names each shared file exports, for the proxies.
const shapes = await build({
  absWorkingDir: root,
  format: "esm",
  platform: "node",
  logLevel: "warning",
  entryPoints: [...homes.keys()],
  outdir: dist,
  outbase: root,
  metafile: true,
  write: false,
});
const exportsOf = new Map(
  Object.values(shapes.metafile.outputs)
    .filter((o) => o.entryPoint)
    .map((o) => [o.entryPoint, o.exports]),
);
const place = (fromDir, self) => ({
  plugins: [esBuilds, placement({ root, homes, exportsOf, unitFiles, fromDir, self, loadedAnyway: builtinsAnyway }), builtinFacade],
});
const entries = (list) => Object.fromEntries(list.map((u) => [u.file.replace(/\.js$/, ""), u.entry]));

const [cli, rest, ...shared] = await Promise.all([
  build({ ...cliOptions, entryPoints: { "chunks/main": MAIN }, ...place("chunks") }),
  build({
    ...cliOptions,
    entryPoints: { ...entries(lazy), ...entries(named(stubs).map((u) => ({ ...u, entry: `aim-stub:${u.entry}` }))) },
    ...place("chunks"),
  }),
  ...RUNTIMES.map(({ file, sources, lazy }) =>
    build({
      ...cliOptions,
      stdin: {
        contents: runtimeEntry(sources, exportsOf, lazy),
        resolveDir: root,
        sourcefile: `aim-${file.replace(/^chunks\/|\.js$/g, "")}-entry.js`,
      },
      outdir: undefined,
      outfile: join(dist, file),
      ...place("chunks", file),
    }),
  ),
]);

failOnMissingExports([cli, rest, ...shared]);

// The start-up budget, enforced where it is cheapest to keep: at build time. A hot path
// initialises what cli.ts and its unit import statically (the runtime's other files are
// only bytes to it), as the first pass saw it.
const meta = pass1.metafile;
const cliOut = outputFor(meta, MAIN);
for (const { sources, forbidden } of HOT_PATHS) {
  for (const source of sources) {
    const out = outputFor(meta, source);
    if (!out) continue;
    const heavy = forbiddenIn(new Map([...closureInputs(meta, cliOut), ...closureInputs(meta, out)]), forbidden);
    if (heavy.length > 0) {
      console.error(
        `build: ${heavy.join(", ")} would load with ${source}, on a hot path; import ${heavy.length > 1 ? "them" : "it"} lazily (await import) where needed`,
      );
      process.exit(1);
    }
  }
}
// Nor may a runtime load anything as it loads, but the runtime it needs and the built-ins
// that are loaded anyway.
for (const [i, { file }] of RUNTIMES.entries()) {
  const eager = shared[i].metafile.outputs[`dist/${file}`].imports.filter(
    (imp) => imp.kind === "import-statement" && imp.path !== "./runtime.js" && !isFree(imp.path) && !builtinsAnyway.has(imp.path),
  );
  if (eager.length > 0) {
    console.error(
      `build: ${file} would load ${eager.map((imp) => imp.path).join(", ")} as it loads; scripts/one-runtime.mjs must make them lazy`,
    );
    process.exit(1);
  }
}

// What every start-up path loads has the functions it runs compiled with the file, so that
// Node's compile cache holds them, not only its top level (scripts/eager-compile.mjs): those
// of scripts/hot-functions.json (scripts/hot-profile.mjs), or every function without it.
const startup = ["chunks/main.js", RUNTIMES[0].file, ...HOT_PATHS[0].sources.flatMap((s) => (unitFiles.has(s) ? [unitFiles.get(s)] : []))];
const eager = startup.map((file) => join(dist, file));
const profile = join(root, "scripts", "hot-functions.json");
const hot = existsSync(profile) ? new Set(JSON.parse(readFileSync(profile, "utf8")).functions) : undefined;
const found = new Set();
// The profile as eagerCompile asks it, noting each origin it finds.
const seen = hot && {
  has: (origin) => {
    if (!hot.has(origin)) return false;
    found.add(origin);
    return true;
  },
};
for (const b of [cli, rest, ...shared]) writeOutputs(eagerOutputs(b.outputFiles, eager, seen));
if (hot && found.size < 0.9 * hot.size) {
  console.error(
    `build: only ${found.size} of the ${hot.size} functions in scripts/hot-functions.json are where it says (src/ has changed since): the others are compiled lazily, which slows aim's start; run: npm run profile:hot`,
  );
}
// The entry turns the compile cache on before the main module and the runtime are read.
writeEntry(dist, 'import("./chunks/main.js");');
if (process.env.AIM_BUILD_VERBOSE) {
  console.error(
    `build: cli.js, ${lazy.length} units, the runtime (${runtime.length} files), the cold runtime (${coldRuntime.length}) and ${stubs.length} stubs`,
  );
}

// The library: one readable file with its dependencies left to node_modules (they are the
// package's dependencies), and a source map with the sources in it, for whoever debugs it.
await build({ ...base, plugins: [], entryPoints: { index: "src/index.ts" }, outdir: dist, packages: "external", sourcemap: true });

// typescript's package exports do not include its bin: take it from node_modules directly.
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const types = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (types.status !== 0) process.exit(types.status ?? 1);
// tsc does not copy hand-written declarations; the emitted ones refer to this one.
mkdirSync(join(dist, "generated"), { recursive: true });
copyFileSync(join(root, "src", "generated", "validators.d.ts"), join(dist, "generated", "validators.d.ts"));
