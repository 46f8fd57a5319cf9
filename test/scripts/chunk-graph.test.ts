// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { closureInputs, copiesOf, forbiddenIn, holdsState, outputFor, staticClosure } from "../../scripts/chunk-graph.mjs";

// A metafile in esbuild's shape: cli imports a shared chunk statically and exec lazily;
// exec imports the shared chunk and a lazy writer chunk.
const out = (entryPoint: string | undefined, imports: Array<[string, string]>, inputs: Record<string, number>) => ({
  entryPoint,
  bytes: 1,
  imports: imports.map(([path, kind]) => ({ path, kind })),
  inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { bytesInOutput: v }])),
});
const meta = {
  outputs: {
    "dist/cli.js": out("src/cli.ts", [["dist/chunks/shared.js", "import-statement"], ["dist/chunks/exec.js", "dynamic-import"]], { "src/cli.ts": 10 }),
    "dist/chunks/shared.js": out(undefined, [], { "src/errors.ts": 5 }),
    "dist/chunks/exec.js": out("src/commands/exec.ts", [["dist/chunks/shared.js", "import-statement"], ["dist/chunks/lock.js", "dynamic-import"]], { "src/commands/exec.ts": 20 }),
    "dist/chunks/lock.js": out("node_modules/proper-lockfile/index.js", [], { "node_modules/proper-lockfile/index.js": 30 }),
  },
};

const graph = suite("chunk graph");
graph("static closure follows static imports only", () => {
  assert.equal(staticClosure(meta, "dist/chunks/exec.js"), ["dist/chunks/exec.js", "dist/chunks/shared.js"]);
  assert.equal(staticClosure(meta, "dist/cli.js"), ["dist/cli.js", "dist/chunks/shared.js"]);
});
graph("inputs of the closure, and the forbidden packages among them", () => {
  const inputs = closureInputs(meta, "dist/chunks/exec.js");
  assert.equal([...inputs.keys()].sort(), ["src/commands/exec.ts", "src/errors.ts"]);
  assert.equal(forbiddenIn(inputs, ["proper-lockfile"]), []);
  assert.equal(forbiddenIn(closureInputs(meta, "dist/chunks/lock.js"), ["proper-lockfile", "dotenv"]), ["proper-lockfile"]);
});
graph("finds a source's own chunk", () => {
  assert.is(outputFor(meta, "src/commands/exec.ts"), "dist/chunks/exec.js");
  assert.is(outputFor(meta, "src/nope.ts"), undefined);
});
graph("second pass: which final units each source was copied into", () => {
  const second = {
    outputs: {
      "dist/cli.js": out("x", [], { "dist/cli.js": 1, "dist/chunks/shared.js": 1 }),
      "dist/chunks/exec.js": out("y", [], { "dist/chunks/exec.js": 1, "dist/chunks/shared.js": 1 }),
    },
  };
  const copies = copiesOf(meta, second);
  assert.equal([...(copies.get("src/errors.ts") ?? [])].sort(), ["dist/chunks/exec.js", "dist/cli.js"]);
  assert.equal([...(copies.get("src/commands/exec.ts") ?? [])], ["dist/chunks/exec.js"]);
});
graph("module-level state, by shape", () => {
  assert.ok(holdsState("let allowed = true;\n"));
  assert.ok(holdsState("const keys = new Map<string, Uint8Array>();\n"));
  assert.not.ok(holdsState('const EXIT = { aim: 125 } as const;\nexport function f() {\n  let x = 1;\n}\n'));
});
graph.run();
