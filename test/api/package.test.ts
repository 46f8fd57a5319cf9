import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../helpers/cli.js";
import { report, sha, toolSandbox } from "../helpers/fixture-tools.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/** A user's project that depends on the package through node_modules, as `npm install <folder>` links it. */
function userProject(dir: string): string {
  const app = join(dir, "app");
  mkdirSync(join(app, "node_modules"), { recursive: true });
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "user-app", type: "module", private: true, dependencies: { [pkg.name]: `file:${ROOT}` } }),
  );
  symlinkSync(ROOT, join(app, "node_modules", pkg.name), "dir");
  return app;
}

const packaged = suite("the package as a user installs it");
packaged("package.json points exports and types at the built files", () => {
  assert.is(pkg.name, "aim-keys");
  assert.equal(pkg.exports["."], { types: "./dist/index.d.ts", import: "./dist/index.js" });
  assert.is(pkg.types, "./dist/index.d.ts");
  assert.is(pkg.bin.aim, "dist/cli.js");
  for (const f of ["dist/index.js", "dist/index.d.ts", "dist/api/invoke.d.ts", "dist/cli.js"]) assert.ok(existsSync(join(ROOT, f)), f);
  assert.not.match(readFileSync(join(ROOT, "dist/cli.js"), "utf8"), /index\.js|invokeTool/, "the CLI entry does not load the API");
});
packaged("package.json is ready to publish: public, built before packing, described, and shipping only dist/", () => {
  assert.is(pkg.private, undefined, '"private": true makes npm publish fail (EPRIVATE)');
  for (const script of ["prepare", "prepack"]) assert.is(pkg.scripts[script], "npm run build", `${script} builds dist/`);
  assert.is(pkg.scripts.build, "node scripts/build.mjs && node scripts/gen-man.mjs");
  assert.equal(pkg.man, ["./dist/aim.1"]);
  for (const field of ["description", "homepage", "license", "author"]) assert.type(pkg[field], "string", field);
  assert.match(pkg.repository.url, /^git\+https:\/\/.+\.git$/);
  assert.match(pkg.bugs.url, /^https:\/\//);
  assert.ok(pkg.keywords.length >= 3, "keywords");
  assert.ok(existsSync(join(ROOT, "LICENSE")), "the licence text ships with the package");
  // write-file-atomic, a dependency, needs ^20.17.0 || >=22.9.0; aim needs nothing newer.
  assert.is(pkg.engines.node, "^20.17.0 || >=22.9.0");
  // shell/ is read at build time only (scripts/gen-hooks.mjs inlines it).
  assert.ok(
    pkg.files.every((f: string) => f === "dist" || f.startsWith("dist/")),
    `files: ${pkg.files}`,
  );
});
packaged('import { invokeTool } from "aim-keys" works under node', () => {
  const { aim, env, dir } = toolSandbox();
  aim(["secrets", "set", "ANTHROPIC_API_KEY"], { input: "sk-package-test-1" });
  const app = userProject(dir);
  writeFileSync(
    join(app, "main.mjs"),
    `import { invokeTool, CONTRACT } from "aim-keys";
const r = await invokeTool("claude", "prompt", { prompt: "from a user" });
console.log(JSON.stringify({ contract: CONTRACT, exitCode: r.exitCode, injected: r.injectedKeys, stdout: r.stdout }));`,
  );
  const r = spawnSync(process.execPath, ["main.mjs"], { cwd: app, env, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stderr, "");
  const out = JSON.parse(r.stdout);
  assert.is(out.contract, "AIM_PLUS_V1");
  assert.is(out.exitCode, 0);
  assert.equal(out.injected, ["ANTHROPIC_API_KEY"]);
  assert.equal(report(out.stdout).keys, { ANTHROPIC_API_KEY: sha("sk-package-test-1") });
});
packaged("the declarations type-check a user's TypeScript (and catch a wrong field)", () => {
  const { dir } = toolSandbox();
  const app = userProject(dir);
  writeFileSync(
    join(app, "main.ts"),
    `import { invokeTool, AimError, type InvokeResult } from "aim-keys";
const r: InvokeResult = await invokeTool("aider", "code_generation", { message: "m", files: ["a.ts"] }, { timeout: 1000, signal: AbortSignal.timeout(5000) });
const code: number | null = r.exitCode;
const v1: boolean = r.success && r.content.exit_code === 0;
// @ts-expect-error the result has no such field
r.nope;
if (r instanceof AimError) console.log(r.code);
export { code, v1 };
`,
  );
  // docs/library.md's example must compile as it stands, against the built declarations.
  const page = readFileSync(join(ROOT, "docs", "library.md"), "utf8");
  const example = page.match(/```ts\n([\s\S]*?)```/)?.[1];
  assert.ok(example?.includes("invokeTool("), "docs/library.md has a library example");
  writeFileSync(join(app, "readme.ts"), `${example}\nexport {};\n`);
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules/@types")],
      },
      files: ["main.ts", "readme.ts"],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: app, encoding: "utf8" });
  assert.is(tsc.status, 0, tsc.stdout + tsc.stderr);
});
packaged("the library is readable ESM with its dependencies left to node_modules, and a source map", () => {
  const lib = readFileSync(join(ROOT, "dist/index.js"), "utf8");
  assert.ok(lib.split("\n").length > 1000, `only ${lib.split("\n").length} lines: minified?`);
  assert.match(lib, /^function invokeTool\(tool, capability/m, "names intact");
  assert.match(lib, /^import spawn from "cross-spawn";$/m, "a dependency stays a bare import");
  assert.not.match(lib, /node_modules\//, "no package bundled in");
  // Inlined dependencies would be megabytes; aim's own code, unminified, is a few hundred KB.
  assert.ok(lib.length < 400_000, `${lib.length} bytes`);
  assert.match(lib, /\/\/# sourceMappingURL=index\.js\.map\n?$/);
  const map = JSON.parse(readFileSync(join(ROOT, "dist/index.js.map"), "utf8"));
  assert.ok(map.sources.includes("../src/api/invoke.ts"), map.sources.join(" "));
  assert.is(map.sourcesContent.length, map.sources.length, "the sources travel with the map");
});
packaged("an error from the library has a stack that points at src/*.ts", () => {
  const { env, dir } = toolSandbox();
  const app = userProject(dir);
  writeFileSync(join(app, ".aimrc"), "keys: [A\n");
  writeFileSync(join(app, "main.mjs"), `import { resolveProject } from "aim-keys";\nawait resolveProject({ cwd: process.cwd() });\n`);
  const r = spawnSync(process.execPath, ["--enable-source-maps", "main.mjs"], { cwd: app, env, encoding: "utf8" });
  assert.is(r.status, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /AimError: \.aimrc: not valid YAML/);
  const frames = r.stderr.split("\n").filter((l) => /^\s+at /.test(l) && l.includes(ROOT) && !l.includes("node_modules/"));
  assert.ok(frames.length >= 2, r.stderr);
  assert.not.match(r.stderr, /dist\/index\.js/, "every frame of the library is mapped");
  for (const f of frames) assert.match(f, new RegExp(`${ROOT}/?src/[\\w/-]+\\.ts:\\d+:\\d+`), f);
});
packaged.run();
