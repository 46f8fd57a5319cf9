// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { closureInputs, forbiddenIn, outputFor, partition, staticClosure } from "../../scripts/chunk-graph.mjs";

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
    "dist/cli.js": out(
      "src/cli.ts",
      [
        ["dist/chunks/shared.js", "import-statement"],
        ["dist/chunks/exec.js", "dynamic-import"],
      ],
      { "src/cli.ts": 10 },
    ),
    "dist/chunks/shared.js": out(undefined, [], { "src/errors.ts": 5 }),
    "dist/chunks/exec.js": out(
      "src/commands/exec.ts",
      [
        ["dist/chunks/shared.js", "import-statement"],
        ["dist/chunks/lock.js", "dynamic-import"],
      ],
      { "src/commands/exec.ts": 20 },
    ),
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
graph("placement: what the CLI entry or two units need is shared; hot files go to the runtime, others to the cold one", () => {
  // cli -> exec, status, doctor (lazy). exec and status both use trust, also a lazy unit of
  // its own; status and doctor share table.ts, which no start-up path loads; exec alone
  // uses masker; status and doctor both use a package, which is never placed.
  const m = {
    outputs: {
      "dist/cli.js": out("src/cli.ts", [["dist/chunks/a.js", "import-statement"]], { "src/cli.ts": 1 }),
      "dist/chunks/a.js": out(undefined, [], { "src/errors.ts": 1, "src/runtime/log.ts": 1 }),
      "dist/chunks/exec.js": out(
        "src/commands/exec.ts",
        [
          ["dist/chunks/a.js", "import-statement"],
          ["dist/chunks/trust.js", "import-statement"],
        ],
        {
          "src/commands/exec.ts": 1,
          "src/run/masker.ts": 1,
        },
      ),
      "dist/chunks/status.js": out(
        "src/commands/status.ts",
        [
          ["dist/chunks/trust.js", "import-statement"],
          ["dist/chunks/b.js", "import-statement"],
        ],
        { "src/commands/status.ts": 1 },
      ),
      "dist/chunks/doctor.js": out("src/commands/doctor.ts", [["dist/chunks/b.js", "import-statement"]], { "src/commands/doctor.ts": 1 }),
      "dist/chunks/b.js": out(undefined, [], { "src/core/table.ts": 1, "node_modules/which/which.js": 1 }),
      "dist/chunks/trust.js": out("src/project/trust.ts", [], { "src/project/trust.ts": 1 }),
    },
  };
  const { runtime, coldRuntime, units, stubs } = partition(m, "src/cli.ts", ["src/commands/exec.ts"]);
  assert.equal(runtime, ["src/errors.ts", "src/project/trust.ts", "src/runtime/log.ts"]);
  assert.equal(coldRuntime, ["src/core/table.ts"]);
  assert.equal(
    units.map((u: { entry: string }) => u.entry),
    ["src/cli.ts", "src/commands/exec.ts", "src/commands/status.ts", "src/commands/doctor.ts"],
    "trust's own unit is gone: its code is in the runtime",
  );
  assert.equal(units[1], { entry: "src/commands/exec.ts", out: "dist/chunks/exec.js" });
  assert.equal(stubs, [], "no lazy unit's entry is in the cold runtime");
  const cold = partition(m, "src/cli.ts", []);
  assert.equal(cold.coldRuntime, ["src/core/table.ts", "src/project/trust.ts"], "without a hot path through it, trust is cold");
  assert.equal(cold.stubs, [{ entry: "src/project/trust.ts", out: "dist/chunks/trust.js" }]);
});
graph.run();
