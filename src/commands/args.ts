import { createRequire } from "node:module";
import type { ParseArgsConfig } from "node:util";
import { usageError } from "../errors.js";

// Not `import { parseArgs } from "node:util"`: Node 24 builds that module's ESM facade by
// reading every export, and one of them sets up process.stderr, which puts a piped stderr
// in non-blocking mode; a command aim exec then execve's would inherit that.
const { parseArgs } = createRequire(import.meta.url)("node:util") as typeof import("node:util");

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs with aim's rules: unknown flags are usage errors that point at
 * --help, and --help prints the command's help on stdout. Returns undefined after help.
 */
export function parseCommand<O extends Options>(
  args: string[],
  options: O,
  help: string,
  opts: { positionals?: boolean } = {},
) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: opts.positionals ?? true,
      strict: true,
    });
  } catch (err) {
    const command = help.match(/^Usage: (aim(?: [a-z-]+)+)/m)?.[1] ?? "aim";
    throw usageError((err as Error).message.replace(/\. To specify a positional.*$/s, ""), `see: ${command} --help`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help.endsWith("\n") ? help : `${help}\n`);
    return undefined;
  }
  return parsed;
}
