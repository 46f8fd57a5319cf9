// Bundles src/ into dist/: the CLI (one small entry plus a chunk per command, loaded on
// demand), the library (dist/index.js, built apart so the CLI never loads it), and the
// library's type declarations (tsc --emitDeclarationOnly).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import "./gen-validators.mjs";
import "./gen-hooks.mjs";

const root = new URL("..", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
rmSync(new URL("dist", root), { recursive: true, force: true });

const common = {
  outdir: "dist",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  // Native addon and a package that finds its own helper binaries by path: load from node_modules.
  external: ["@napi-rs/keyring", "clipboardy"],
  define: { AIM_VERSION: JSON.stringify(pkg.version) },
  logLevel: "warning",
};
const shims = [
  // CommonJS dependencies (cross-spawn…) call require() for Node built-ins.
  'import { createRequire as __aimRequire } from "node:module"; const require = __aimRequire(import.meta.url);',
  'import { fileURLToPath as __aimPath } from "node:url"; const __filename = __aimPath(import.meta.url); const __dirname = __aimPath(new URL(".", import.meta.url));',
];

await build({
  ...common,
  entryPoints: { cli: "src/cli.ts" },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  banner: { js: ["#!/usr/bin/env node", ...shims].join("\n") },
});

await build({ ...common, entryPoints: { index: "src/index.ts" }, banner: { js: shims.join("\n") } });

// typescript's package exports do not include its bin: take it from node_modules directly.
const tsc = fileURLToPath(new URL("node_modules/typescript/bin/tsc", root));
const types = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (types.status !== 0) process.exit(types.status ?? 1);
// tsc does not copy hand-written declarations; the emitted ones refer to this one.
mkdirSync(new URL("dist/generated", root), { recursive: true });
copyFileSync(new URL("src/generated/validators.d.ts", root), new URL("dist/generated/validators.d.ts", root));
