// The comparison build for bench/README.md: aim bundled the plain way, esbuild's own code
// splitting (one chunk per shared group of modules), with everything else as in
// scripts/build.mjs (minified, the same externals, the built-in facade, the compile-cache
// entry, the require() shim that bundled CommonJS packages need, so every command works). `npm run build && node scripts/build-plain.mjs` writes it to bench/.tmp/plain-dist,
// inside the repository so that the native addon still resolves from node_modules; then
// `npm run bench -- --quick --aim-old bench/.tmp/plain-dist` measures both builds
// interleaved in one run. What the single-runtime build of scripts/build.mjs buys is the
// difference between the two.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { builtinFacade } from "./builtin-facade.mjs";
import { writeEntry } from "./cli-entry.mjs";
import { writeOutputs } from "./one-runtime.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = join(root, "bench", ".tmp", "plain-dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli.ts" },
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
  external: ["@napi-rs/keyring", "clipboardy", "typescript", "dbus-next"],
  define: { AIM_VERSION: JSON.stringify(pkg.version) },
  plugins: [builtinFacade],
  metafile: true,
  write: false,
});
writeOutputs(result.outputFiles);
writeEntry(out, 'import("./main.js");');
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")).length;
console.error(`build-plain: ${files + 1} files in ${out}`);
