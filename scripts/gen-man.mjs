// Writes dist/aim.1, the manual page, from the command specs (src/commands/*.spec.ts through
// registry.ts's allSpecs): the same source as --help and the shell completions, so nothing
// about a command is written twice. ENVIRONMENT and FILES come from
// src/cli/environment.ts, as docs/config.md's table does. Run by `npm run build` after scripts/build.mjs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

// The specs and the usage line, bundled alone: each command's code stays behind its
// import(), which is left unresolved and never called here.
const tmp = mkdtempSync(join(tmpdir(), "aim-man-"));
const entry = join(tmp, "specs.mjs");
await build({
  absWorkingDir: root,
  stdin: {
    contents:
      'export { allSpecs } from "./src/commands/registry.ts"; export { usageLine } from "./src/cli/usage.ts"; export { ENVIRONMENT, FILES } from "./src/cli/environment.ts";',
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  format: "esm",
  platform: "node",
  outfile: entry,
  logLevel: "warning",
  plugins: [
    {
      name: "no-code",
      setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === "dynamic-import" ? { path: a.path, external: true } : undefined)),
    },
  ],
});
const { allSpecs, usageLine, ENVIRONMENT, FILES } = await import(pathToFileURL(entry).href);
rmSync(tmp, { recursive: true, force: true });

/** Text for roff: backslashes and hyphens escaped, no line that roff would read as a request. */
const esc = (s) =>
  s
    .replaceAll("\\", "\\e")
    .replaceAll("-", "\\-")
    .replace(/^([.'])/gm, "\\&$1")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: every byte outside ASCII, by range
    .replace(/[^\x00-\x7f]/gu, (c) => `\\[u${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}]`);

/** A description's paragraphs; lines indented by two spaces are examples, kept as typed. */
function paragraphs(text) {
  const out = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split("\n");
    let prose = [];
    const flush = () => {
      if (prose.length === 0) return;
      out.push(".PP", esc(prose.join(" ")));
      prose = [];
    };
    for (const line of lines) {
      if (/^\s{2,}/.test(line)) {
        flush();
        out.push(".RS 4", ".nf", esc(line.trim()), ".fi", ".RE");
      } else prose.push(line.trim());
    }
    flush();
  }
  return out.filter((l) => typeof l === "string");
}

function option(name, o) {
  const value = o.type === "string" ? ` \\fI${esc(o.choices ? o.choices.join("|") : (o.value ?? "VALUE"))}\\fR` : "";
  const short = o.short ? `\\fB\\-${esc(o.short)}\\fR, ` : "";
  return [".TP", `${short}\\fB\\-\\-${esc(name)}\\fR${value}`, esc(o.description.replaceAll("\n", " "))];
}

const visible = allSpecs().filter(
  ({ path, spec }) => !spec.hidden && !allSpecs().some((e) => e.spec.hidden && path.join(" ").startsWith(`${e.path.join(" ")} `)),
);
const lines = [
  `.TH AIM 1 "" "${esc(pkg.name)} ${esc(pkg.version)}" "User Commands"`,
  ".SH NAME",
  `aim \\- ${esc(pkg.description.replace(/^Keep/, "keep"))}`,
  ".SH SYNOPSIS",
  ".B aim",
  ".I command",
  "[\\fIoptions\\fR] [\\fIarguments\\fR]",
  ".br",
  ".B aim",
  "\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR",
  ".SH DESCRIPTION",
  ".PP",
  esc(
    'aim keeps API keys in the operating system\'s keyring and hands them to the programs that need them, scoped to one command or one project, with no plaintext .env file. Every command has --help; messages go to standard error with an "aim:" prefix, and standard output carries only data or shell code.',
  ),
  ".SH COMMANDS",
];
for (const { path, spec } of visible) {
  lines.push(`.SS "${esc(usageLine(path, spec))}"`);
  // The description says more than the summary, which opens it in other words.
  const summary = spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1);
  if (!spec.description) lines.push(".PP", esc(/[.?!)]$/.test(summary) ? summary : `${summary}.`));
  if (spec.aliases?.length)
    lines.push(".PP", `Also: ${spec.aliases.map((a) => `\\fBaim ${esc([...path.slice(0, -1), a].join(" "))}\\fR`).join(", ")}.`);
  if (spec.description) lines.push(...paragraphs(spec.description));
  const options = Object.entries(spec.options ?? {});
  if (options.length) lines.push(".PP", "Options:", ".RS 4", ...options.flatMap(([n, o]) => option(n, o)), ".RE");
  if (spec.epilog) lines.push(...paragraphs(spec.epilog));
}
lines.push(
  ".SH EXIT STATUS",
  ".PP",
  esc(
    "0 on success; 2 for a usage error and 1 for any other failure, except under aim exec and aim run, which exit with the command's own status, 125 when aim itself fails, 126 when the command is not executable and 127 when it is not found.",
  ),
  ".SH ENVIRONMENT",
  ...ENVIRONMENT.flatMap((v) => [".TP", `\\fB${esc(v.name)}\\fR`, esc(v.text)]),
  ".SH FILES",
  ...FILES.flatMap((f) => [".TP", `\\fI${esc(f.path)}\\fR`, esc(f.text)]),
  ".SH SEE ALSO",
  ".PP",
  `${esc(pkg.homepage)} (the README and docs/: .aimrc, trust, the shell hooks, the file vault, team files, the library).`,
);
writeFileSync(join(root, "dist", "aim.1"), `${lines.join("\n")}\n`);
