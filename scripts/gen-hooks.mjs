// Inlines the hook bodies from shell/ into src/generated/hooks.js at build time, so that
// `aim hook` reads no file at start-up and the tests (run by tsx) import the same text.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const FILES = { bash: "aim.bash", zsh: "aim.zsh", fish: "aim.fish", pwsh: "aim.ps1" };
const read = (file) => readFileSync(new URL(`../shell/${file}`, import.meta.url), "utf8");
const hooks = Object.fromEntries(Object.entries(FILES).map(([shell, file]) => [shell, read(file)]));
mkdirSync(new URL("../src/generated/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("../src/generated/hooks.js", import.meta.url),
  `// Written by scripts/gen-hooks.mjs from shell/: edit those files, not this one.\nexport const HOOKS = ${JSON.stringify(hooks, null, 2)};\n`,
);
