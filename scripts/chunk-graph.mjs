// Reads esbuild's metafile: which source files a unit pulls in before it runs (static
// imports, transitively), where each source file goes in dist/, and whether a heavy library
// would load on a hot path.

/** The outputs that load with `entry` (static imports only, transitively), `entry` first. */
export function staticClosure(metafile, entry) {
  const seen = [];
  const visit = (out) => {
    if (seen.includes(out) || !metafile.outputs[out]) return;
    seen.push(out);
    for (const imp of metafile.outputs[out].imports) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
  };
  visit(entry);
  return seen;
}

/** The source files (inputs) in those outputs, with their bytes in the bundle. */
export function closureInputs(metafile, entry) {
  const inputs = new Map();
  for (const out of staticClosure(metafile, entry)) {
    for (const [path, { bytesInOutput }] of Object.entries(metafile.outputs[out].inputs)) inputs.set(path, bytesInOutput);
  }
  return inputs;
}

/** The output chunk built from `source` (e.g. src/commands/exec.ts) as its entry point. */
export const outputFor = (metafile, source) => Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint === source);

/** Forbidden packages (node_modules/<name>/) found among `inputs`. */
export const forbiddenIn = (inputs, packages) =>
  packages.filter((p) => [...inputs.keys()].some((path) => path.includes(`node_modules/${p}/`)));

/**
 * Where each of our source files goes, from a code-split metafile (its entry points are the
 * lazy units; `main` is the CLI's). A file of ours that `main` or two units need is shared:
 * into the runtime if it is in the hot set (what `main` and the `hot` sources, the start-up
 * paths, load statically), else into the cold runtime, which only the commands that need it
 * load. Any other file goes into the one unit that needs it. A unit whose entry is shared
 * disappears: an import of it is an import of that runtime.
 */
export function partition(metafile, main, hot) {
  const entries = Object.entries(metafile.outputs).filter(([, o]) => o.entryPoint);
  const users = new Map();
  for (const [out] of entries) {
    for (const source of closureInputs(metafile, out).keys()) {
      if (!users.has(source)) users.set(source, new Set());
      users.get(source).add(out);
    }
  }
  const mainOut = outputFor(metafile, main);
  const hotSet = new Set(
    [main, ...hot].flatMap((s) => (outputFor(metafile, s) ? [...closureInputs(metafile, outputFor(metafile, s)).keys()] : [])),
  );
  const ours = (source) => !source.includes("node_modules/") && source !== main;
  const shared = [...users].filter(([s, u]) => ours(s) && (u.size > 1 || u.has(mainOut))).map(([s]) => s);
  const runtime = shared.filter((s) => hotSet.has(s)).sort();
  const coldRuntime = shared.filter((s) => !hotSet.has(s)).sort();
  const units = entries.filter(([, o]) => !shared.includes(o.entryPoint)).map(([out, o]) => ({ entry: o.entryPoint, out }));
  // A dynamic import of a cold runtime's file goes through a small file of its own.
  const stubs = entries.filter(([, o]) => coldRuntime.includes(o.entryPoint)).map(([out, o]) => ({ entry: o.entryPoint, out }));
  return { runtime, coldRuntime, units, stubs };
}
