// Bundles src/ into dist/: the CLI, the library (dist/index.js, built apart so the CLI never
// loads it) and the library's type declarations (tsc --emitDeclarationOnly).
//
// The CLI is cli.js plus one file per lazily loaded unit (a command, a
// library behind an `await import`), each self-contained, so that `aim exec` loads two
// files before it starts its command. Node's ES module loader pays for every file it
// loads (resolve, read, link), and on a slow machine a dozen small shared chunks cost
// more than the code in them.
//
// Pass 1: esbuild with code splitting decides the lazy units and where the boundaries are.
// Pass 2: each unit is bundled again with its static imports inlined; dynamic imports stay
// pointers to the other units. Shared code is copied into each unit that uses it (a few
// KB), which is why AimError brands its instances rather than rely on class identity.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { closureInputs, copiesOf, forbiddenIn, holdsState, outputFor } from "./chunk-graph.mjs";
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
const NEVER = ["proper-lockfile", "write-file-atomic", "clipboardy", "dotenv", "cross-spawn", "picocolors"];
const HOT_PATHS = [
  { sources: ["src/commands/exec.ts", "src/commands/hook-env.ts"], forbidden: [...NEVER, "cosmiconfig", "js-yaml"] },
  { sources: ["src/project/trust.ts", "src/project/config-load.ts"], forbidden: NEVER },
];

const common = { absWorkingDir: root, bundle: true, format: "esm", platform: "node", target: "node20", minifyWhitespace: true, minifySyntax: true, logLevel: "warning" };
const pass1Dir = mkdtempSync(join(tmpdir(), "aim-build-"));
const pass1 = await build({
  ...common,
  entryPoints: { cli: "src/cli.ts" },
  outdir: pass1Dir,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  // Native addon, and packages that find their own files by path: load from node_modules.
  // typescript: cosmiconfig's .ts loader, which aim never uses (it refuses code configs).
  external: ["@napi-rs/keyring", "clipboardy", "typescript", "dbus-next"],
  define: { AIM_VERSION: JSON.stringify(pkg.version) },
  metafile: true,
});

// The start-up budget, enforced where it is cheapest to keep: at build time.
const meta = pass1.metafile;
const rel = (p) => p.replace(`${root}`, "").replace(/^\//, "");
const cliOut = Object.keys(meta.outputs).find((o) => o.endsWith("/cli.js"));
for (const { sources, forbidden } of HOT_PATHS) {
  for (const source of sources) {
    const out = outputFor(meta, source);
    if (!out) continue;
    const heavy = forbiddenIn(new Map([...closureInputs(meta, cliOut), ...closureInputs(meta, out)]), forbidden);
    if (heavy.length > 0) {
      rmSync(pass1Dir, { recursive: true, force: true });
      console.error(`build: ${heavy.join(", ")} would load with ${source}, on a hot path; import ${heavy.length > 1 ? "them" : "it"} lazily (await import) where needed`);
      process.exit(1);
    }
  }
}

const units = Object.entries(meta.outputs)
  .filter(([, o]) => o.entryPoint)
  .map(([p]) => join(root, p));
const pass2 = await build({
  ...common,
  entryPoints: units,
  outdir: dist,
  outbase: pass1Dir,
  splitting: false,
  packages: "external",
  metafile: true,
  write: false,
  plugins: [
    {
      name: "keep-lazy-units-apart",
      setup(b) {
        b.onResolve({ filter: /.*/ }, (a) => (a.kind === "dynamic-import" ? { path: a.path, external: true } : undefined));
      },
    },
  ],
});
rmSync(pass1Dir, { recursive: true, force: true });

// A module copied into two units has two sets of module-level variables: state that must
// be one per process goes through src/runtime/process-state.ts. These copies only cache.
const PER_COPY_IS_FINE = {
  "src/runtime/log.ts": "the colour palette",
  "src/run/spawn.ts": "the promise of loading child_process",
  "src/store/vault/age.ts": "the loaded age-encryption module",
};
for (const [source, units] of copiesOf(meta, pass2.metafile)) {
  if (units.size < 2 || !source.startsWith("src/") || source in PER_COPY_IS_FINE) continue;
  if (holdsState(readFileSync(join(root, source), "utf8"))) {
    console.error(`build: ${source} keeps module-level state and is copied into ${units.size} units; keep it in processState() (src/runtime/process-state.ts)`);
    process.exit(1);
  }
}

/**
 * CommonJS dependencies bundled into ESM call require() for Node built-ins, and a few read
 * __filename/__dirname. Each file gets the shim it needs and no more.
 */
function shims(path, text) {
  const lines = path === join(dist, "cli.js") ? ["#!/usr/bin/env node"] : [];
  // A call, not esbuild's unused __require helper: the helper alone needs no shim.
  if (/(?<![\w$.])(?:__require\d*(?:\(|\.(?!apply\b))|require\()/.test(text)) {
    lines.push('import { createRequire as __aimRequire } from "node:module"; const require = __aimRequire(import.meta.url);');
  }
  if (/\b__(filename|dirname)\b/.test(text)) {
    lines.push(
      'import { fileURLToPath as __aimPath } from "node:url"; const __filename = __aimPath(import.meta.url); const __dirname = __aimPath(new URL(".", import.meta.url));',
    );
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

for (const file of pass2.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, shims(file.path, file.text) + file.text, { mode: file.path === join(dist, "cli.js") ? 0o755 : 0o644 });
}
if (process.env.AIM_BUILD_VERBOSE) console.error(`build: ${pass2.outputFiles.length} files in ${rel(dist)}`);

// The library: one file, built apart so that the CLI never loads it.
const libShims = [
  'import { createRequire as __aimRequire } from "node:module"; const require = __aimRequire(import.meta.url);',
  'import { fileURLToPath as __aimPath } from "node:url"; const __filename = __aimPath(import.meta.url); const __dirname = __aimPath(new URL(".", import.meta.url));',
];
await build({
  ...common,
  entryPoints: { index: "src/index.ts" },
  outdir: dist,
  external: ["@napi-rs/keyring", "clipboardy", "typescript", "dbus-next"],
  define: { AIM_VERSION: JSON.stringify(pkg.version) },
  banner: { js: libShims.join("\n") },
});

// typescript's package exports do not include its bin: take it from node_modules directly.
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const types = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (types.status !== 0) process.exit(types.status ?? 1);
// tsc does not copy hand-written declarations; the emitted ones refer to this one.
mkdirSync(join(dist, "generated"), { recursive: true });
copyFileSync(join(root, "src", "generated", "validators.d.ts"), join(dist, "generated", "validators.d.ts"));
