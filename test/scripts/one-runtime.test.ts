import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { lazyFiles, proxy, runtimeEntry } from "../../scripts/one-runtime.mjs";
import { ROOT } from "../helpers/cli.js";

// The built CLI (test/run.mjs builds before the suites): each source file of src/ is in one
// file of dist/ only, so a class is one class and module state one per process.

const dist = join(ROOT, "dist");
// cli.js is the hand-written entry (scripts/cli-entry.mjs); the bundles are in chunks/.
const files = [
  ...readdirSync(join(dist, "chunks"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => `chunks/${f}`),
];
const sourcesOf = (file: string): string[] =>
  (JSON.parse(readFileSync(join(dist, `${file}.map`), "utf8")).sources as string[]).filter(
    (s) => s.includes("src/") && !s.startsWith("aim-"),
  );
/** The files a dist file imports statically (`import … from "./x.js"`), not `import()`. */
const staticImports = (file: string): string[] => [
  ...new Set(
    [...readFileSync(join(dist, file), "utf8").matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?"(\.[^"]+)"/g)].map(
      (m) => m[1] as string,
    ),
  ),
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
  assert.is(home.get("src/cli.ts"), "chunks/main.js");
  assert.is(home.get("src/store/vault/keys.ts"), "chunks/runtime-cold.js", "shared, but no start-up path loads it");
});
built("cli.js and the main module load the runtime and nothing else before exec runs", () => {
  assert.equal(staticImports("cli.js"), [], "the entry turns the compile cache on first, then imports the main module");
  assert.match(readFileSync(join(dist, "cli.js"), "utf8"), /enableCompileCache[\s\S]*import\("\.\/chunks\/main\.js"\)/);
  assert.equal(staticImports("chunks/main.js"), ["./runtime.js"]);
  // aim exec's code is bundled with its spec, not a unit of its own: no file to load after main.
  assert.not.ok(
    files.some((f) => /^chunks\/exec-[A-Z0-9]+\.js$/.test(f)),
    files.join(" "),
  );
  assert.equal(staticImports("chunks/runtime.js"), [], "the runtime imports no other file of dist/ statically");
  // Nor a built-in that costs time to load: the files that need one require it when first used.
  const runtime = readFileSync(join(dist, "chunks", "runtime.js"), "utf8");
  const builtins = new Set([...runtime.matchAll(/\bfrom\s*"(node:[\w/]+)"/g)].map((m) => m[1]));
  // node:fs and node:util are read from process.getBuiltinModule: their ES facades would load
  // fs/promises, streams and readline (scripts/builtin-facade.mjs).
  for (const facade of ["node:fs", "node:util"]) assert.not.ok(builtins.has(facade), `${facade} is imported as an ES module`);
  assert.match(runtime, /getBuiltinModule\("node:fs"\)/);
  for (const heavy of ["node:crypto", "node:net", "node:child_process", "node:readline", "node:tty", "node:stream"])
    assert.not.ok(builtins.has(heavy), heavy);
  // node:crypto (OpenSSL's start-up) only on demand: the trust digest is pure JS
  // (@noble/hashes); a new shell's hook id still asks for randomBytes.
  assert.match(runtime, /getBuiltinModule\("node:crypto"\)/, "node:crypto is asked for when first used, never imported");
  assert.equal(staticImports("chunks/runtime-cold.js"), ["./runtime.js"], "the cold runtime needs the runtime, and nothing else");
});
built("the runtime's entry: plain files renamed apart, a loader for each lazy one; the proxies match", () => {
  const exportsOf = new Map([
    ["src/a.ts", ["log", "default"]],
    ["src/b.ts", ["hash"]],
    ["src/c.ts", []],
  ]);
  assert.is(
    runtimeEntry(["src/a.ts", "src/b.ts", "src/c.ts"], exportsOf, new Set(["src/b.ts"])),
    'export { log as log$0, default as default$0 } from "./src/a.ts";\nexport const load$1 = () => require("./src/b.ts");\nimport "./src/c.ts";',
  );
  assert.is(
    proxy(0, ["log", "default"], "chunks/runtime.js", false),
    'export { log$0 as log, default$0 as default } from "aim-runtime:chunks/runtime.js";',
  );
  assert.is(
    proxy(1, ["hash", "default"]),
    'import { load$1 } from "aim-runtime:chunks/runtime.js";\nconst m = load$1();\nexport const { hash } = m;\nexport default m.default;',
  );
  assert.is(proxy(2, [], "chunks/runtime-cold.js"), 'import { load$2 } from "aim-runtime:chunks/runtime-cold.js";\nconst m = load$2();');
});
built("a file is lazy when its static imports reach a built-in that is not loaded anyway", () => {
  const inputs = {
    "src/a.ts": { imports: [{ path: "src/b.ts", kind: "import-statement" }] },
    "src/b.ts": { imports: [{ path: "node:crypto", kind: "import-statement", external: true }] },
    "src/c.ts": {
      imports: [
        { path: "node:fs", kind: "import-statement", external: true },
        { path: "src/d.ts", kind: "dynamic-import" },
      ],
    },
    "src/d.ts": { imports: [{ path: "node:net", kind: "import-statement", external: true }] },
    "src/e.ts": { imports: [{ path: "node:os", kind: "import-statement", external: true }] },
  };
  const lazy = lazyFiles(["src/a.ts", "src/b.ts", "src/c.ts", "src/d.ts", "src/e.ts"], inputs, new Set(["node:os"]));
  assert.equal([...lazy].sort(), ["src/a.ts", "src/b.ts", "src/d.ts"]);
});
built.run();
