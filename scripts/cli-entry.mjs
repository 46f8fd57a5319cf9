// The CLI's entry, dist/cli.js, for scripts/build.mjs and the comparison builds: it turns on
// V8's compile cache (Node 22.1+) before any of aim's code is read, then imports the code.
// Every module imported statically would be compiled first, and so never cached. The cache
// holds code only, never data: no secret can land there. A cache folder that cannot be
// written never stops aim (Node then runs without it). The folder is Node's own default,
// os.tmpdir()'s rule written out (off Windows): Node would load node:os to ask, about 1% of
// the instructions of `aim exec` on Node 24. NODE_COMPILE_CACHE, when set, still wins.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes `dir`/cli.js, which runs `body` (the import of the main module) once the cache is on. */
export function writeEntry(dir, body) {
  const text = `#!/usr/bin/env node
try {
  const { env } = process;
  const tmp = env.TMPDIR || env.TMP || env.TEMP || "/tmp";
  const dir = process.platform === "win32" ? undefined : \`\${tmp.length > 1 && tmp.endsWith("/") ? tmp.slice(0, -1) : tmp}/node-compile-cache\`;
  process.getBuiltinModule?.("node:module").enableCompileCache?.(dir);
} catch {}
${body}
`;
  writeFileSync(join(dir, "cli.js"), text, { mode: 0o755 });
}
