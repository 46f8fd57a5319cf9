// Reads esbuild's metafile: which source files a command's chunk pulls in before it runs
// (static imports, transitively), so the build can refuse a heavy library on a hot path.

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
 * After the second pass: for each source file, the final units it was copied into. `first`
 * maps sources to first-pass outputs, `second` first-pass outputs to final units.
 */
export function copiesOf(first, second) {
  const units = new Map();
  for (const [unit, { inputs }] of Object.entries(second.outputs)) {
    for (const chunk of Object.keys(inputs)) {
      for (const source of Object.keys(first.outputs[chunk]?.inputs ?? {})) {
        if (!units.has(source)) units.set(source, new Set());
        units.get(source).add(unit);
      }
    }
  }
  return units;
}

/** Module-level mutable state, by the shapes this codebase uses: a let/var, or a new collection. */
export const holdsState = (text) =>
  /^(export\s+)?(let|var)\s/m.test(text) || /^(export\s+)?const\s+\w+\s*(:[^=]+)?=\s*new\s+(Map|Set|WeakMap|WeakSet)\b/m.test(text);
