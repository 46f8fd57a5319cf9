// Fills the hook bodies in shell/ with what they share with aim and inlines them into
// src/generated/hooks.ts at build time, so that `aim hook` reads no file at start-up and
// the tests (run by tsx) import the same text. The completion code (shell/completion.*)
// goes the same way into src/generated/completions.ts, apart, so that the hook never loads it. The shells and the project-file names come
// from the TypeScript (src/shells/, src/project/search-places.ts): no shell file lists
// them by hand, so the hook and aim cannot disagree on what may be a project file.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = `export { SHELLS } from "./src/shells/index.ts"; export { SEARCH_PLACES } from "./src/project/search-places.ts";`;
const bundled = await build({
  stdin: { contents: entry, resolveDir: root, loader: "ts" },
  bundle: true,
  write: false,
  format: "esm",
  platform: "node",
  logLevel: "warning",
});
const { SHELLS, SEARCH_PLACES } = await import(
  `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString("base64")}`
);

// Filled here; {{NODE}} and {{AIM}} are filled by `aim hook` (src/hook/script.ts).
const AT_BUILD = { SEARCH_PLACES: (shell) => shell.list(SEARCH_PLACES) };
const AT_RUN = ["NODE", "AIM"];

function fill(shell, template, file) {
  let body = template;
  for (const [name, value] of Object.entries(AT_BUILD)) {
    if (!body.includes(`{{${name}}}`))
      throw new Error(`${file}: no {{${name}}}; the hook must take it from the TypeScript, not list it by hand`);
    body = body.replaceAll(`{{${name}}}`, () => value(shell));
  }
  for (const m of body.matchAll(/\{\{([A-Z_]+)\}\}/g)) {
    if (!AT_RUN.includes(m[1])) throw new Error(`${file}: unknown placeholder ${m[0]}`);
  }
  return body;
}

const hooks = {};
const completions = {};
for (const shell of Object.values(SHELLS)) {
  const file = `shell/${shell.hookFile}`;
  hooks[shell.name] = fill(shell, readFileSync(new URL(`../${file}`, import.meta.url), "utf8"), file);
  const comp = `shell/${shell.completionFile}`;
  completions[shell.name] = fillCompletion(readFileSync(new URL(`../${comp}`, import.meta.url), "utf8"), comp);
}

/** The completion code has one placeholder, {{RUN}} (node and aim, quoted), filled by `aim completion`. */
function fillCompletion(body, file) {
  if (!body.includes("{{RUN}}")) throw new Error(`${file}: no {{RUN}}; the completion code must call aim through it`);
  for (const m of body.matchAll(/\{\{([A-Z_]+)\}\}/g)) {
    if (m[1] !== "RUN") throw new Error(`${file}: unknown placeholder ${m[0]}`);
  }
  return body;
}

const table = (texts) =>
  Object.entries(texts)
    .map(([name, text]) => `  ${name}: ${JSON.stringify(text)},`)
    .join("\n");
// A .js from an older build would win over the .ts in esbuild's resolution.
for (const name of ["hooks", "completions"]) rmSync(new URL(`../src/generated/${name}.js`, import.meta.url), { force: true });
writeFileSync(
  new URL("../src/generated/hooks.ts", import.meta.url),
  `// Written by scripts/gen-hooks.mjs from shell/: edit those files, not this one.\n// Each shell's hook body, with {{NODE}} and {{AIM}} still to fill in (src/hook/script.ts).\nexport const HOOKS = {\n${table(hooks)}\n};\n`,
);
writeFileSync(
  new URL("../src/generated/completions.ts", import.meta.url),
  `// Written by scripts/gen-hooks.mjs from shell/completion.*: edit those files, not this one.\n// Each shell's completion code, with {{RUN}} still to fill in (src/commands/completion.ts).\nexport const COMPLETIONS = {\n${table(completions)}\n};\n`,
);
