import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { proxy, runtimeEntry } from "../../scripts/one-runtime.mjs";
import { ROOT } from "../helpers/cli.js";

// The built CLI (test/run.mjs builds before the suites): each source file of src/ is in one
// file of dist/ only, so a class is one class and module state one per process.

const dist = join(ROOT, "dist");
const files = ["cli.js", ...readdirSync(join(dist, "chunks")).filter((f) => f.endsWith(".js")).map((f) => `chunks/${f}`)];
const sourcesOf = (file: string): string[] =>
  (JSON.parse(readFileSync(join(dist, `${file}.map`), "utf8")).sources as string[]).filter((s) => s.includes("src/") && !s.startsWith("aim-"));
/** The files a dist file imports statically (`import … from "./x.js"`), not `import()`. */
const staticImports = (file: string): string[] => [
  ...new Set([...readFileSync(join(dist, file), "utf8").matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?"(\.[^"]+)"/g)].map((m) => m[1] as string)),
];

const built = suite("dist/: one runtime");
built("no source file of src/ is in two files of the CLI", () => {
  const home = new Map<string, string>();
  for (const file of files) {
    for (const source of sourcesOf(file)) {
      const s = source.replace(/^(\.\.\/)+/, "");
      assert.is(home.get(s) ?? file, file, `${s} is in ${home.get(s)} and in ${file}`);
      home.set(s, file);
    }
  }
  assert.is(home.get("src/errors.ts"), "chunks/runtime.js");
  assert.is(home.get("src/runtime/prompt-policy.ts"), "chunks/runtime.js");
  assert.is(home.get("src/cli.ts"), "cli.js");
  assert.is(home.get("src/store/vault/keys.ts"), "chunks/runtime-cold.js", "shared, but no start-up path loads it");
});
built("cli.js and the exec unit load the runtime and nothing else before exec runs", () => {
  assert.equal(staticImports("cli.js"), ["./chunks/runtime.js"]);
  const exec = files.find((f) => /^chunks\/exec-[A-Z0-9]+\.js$/.test(f));
  assert.ok(exec, files.join(" "));
  assert.equal(staticImports(exec), ["./runtime.js"]);
  assert.equal(staticImports("chunks/runtime.js"), [], "the runtime imports no other file of dist/ statically");
  // Nor a built-in (node:module is the require shim's): its files require theirs when first used.
  const runtime = readFileSync(join(dist, "chunks", "runtime.js"), "utf8");
  assert.equal([...runtime.matchAll(/\bfrom\s*"(node:[\w/]+)"/g)].map((m) => m[1]), ["node:module"]);
  assert.equal(staticImports("chunks/runtime-cold.js"), ["./runtime.js"], "the cold runtime needs the runtime, and nothing else");
});
built("the runtime's entry: one loader per file; a unit's proxy re-exports what the loader returns", () => {
  assert.is(runtimeEntry(["src/a.ts", "src/b.ts"]), 'export const load$0 = () => require("./src/a.ts");\nexport const load$1 = () => require("./src/b.ts");');
  assert.is(proxy(1, ["log", "default"]), 'import { load$1 } from "aim-runtime:chunks/runtime.js";\nconst m = load$1();\nexport const { log } = m;\nexport default m.default;');
  assert.is(proxy(2, [], "chunks/runtime-cold.js"), 'import { load$2 } from "aim-runtime:chunks/runtime-cold.js";\nconst m = load$2();');
});
built.run();
