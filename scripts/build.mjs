// Bundles src/ into dist/: one small entry plus a chunk per command, loaded on demand.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";
import "./gen-validators.mjs";
import "./gen-hooks.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  chunkNames: "chunks/[name]-[hash]",
  // Native addon and a package that finds its own helper binaries by path: load from node_modules.
  external: ["@napi-rs/keyring", "clipboardy"],
  define: { AIM_VERSION: JSON.stringify(pkg.version) },
  banner: {
    js: [
      "#!/usr/bin/env node",
      // CommonJS dependencies (cross-spawn…) call require() for Node built-ins.
      'import { createRequire as __aimRequire } from "node:module"; const require = __aimRequire(import.meta.url);',
      'import { fileURLToPath as __aimPath } from "node:url"; const __filename = __aimPath(import.meta.url); const __dirname = __aimPath(new URL(".", import.meta.url));',
    ].join("\n"),
  },
  logLevel: "warning",
});
