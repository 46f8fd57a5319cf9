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
export const outputFor = (metafile, source) =>
  Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint === source);

/** Forbidden packages (node_modules/<name>/) found among `inputs`. */
export const forbiddenIn = (inputs, packages) =>
  packages.filter((p) => [...inputs.keys()].some((path) => path.includes(`node_modules/${p}/`)));

/**
 * Where each of our source files goes, from a code-split metafile (the lazy units are its
 * entry points; `main` is the CLI's). A file that the CLI entry needs, or that two units need,
 * goes into the one shared runtime; any other file into the one unit that needs it. Units
 * whose own entry is shared disappear: a dynamic import of it is an import of the runtime.
 * Packages are not placed: each is bundled with the code that imports it.
 * Returns the runtime's sources and, per remaining unit, its entry and first-pass output.
 */
export function partition(metafile, main) {
  const entries = Object.entries(metafile.outputs).filter(([, o]) => o.entryPoint);
  const users = new Map();
  for (const [out] of entries) {
    for (const source of closureInputs(metafile, out).keys()) {
      if (!users.has(source)) users.set(source, new Set());
      users.get(source).add(out);
    }
  }
  const mainOut = outputFor(metafile, main);
  const ours = (source) => !source.includes("node_modules/") && source !== main;
  const runtime = [...users].filter(([s, u]) => ours(s) && (u.size > 1 || u.has(mainOut))).map(([s]) => s);
  const units = entries.filter(([, o]) => !runtime.includes(o.entryPoint)).map(([out, o]) => ({ entry: o.entryPoint, out }));
  return { runtime: runtime.sort(), units };
}
