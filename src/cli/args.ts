import type { ParseArgsConfig } from "node:util";
import { didYouMean } from "../core/suggest.js";
import { usageError } from "../errors.js";
import type { CommandSpec, Input, Options } from "./spec.js";
import { usageLine } from "./usage.js";

// Not `import { parseArgs } from "node:util"`: parseArgs is one of node:util's lazy getters,
// which scripts/builtin-facade.mjs leaves out of its facade on purpose (reading every export,
// as Node's own ES facade does, sets up process.stderr on Node 24 and puts a piped stderr in
// non-blocking mode, which a command aim exec then execve's would inherit). Read from the
// module itself, that getter loads parse_args and nothing else; nor does import.meta.url
// (createRequire) have to be set up for it.
const { parseArgs } = process.getBuiltinModule("node:util");

/**
 * The words after a command's path, parsed by its spec with node:util parseArgs. Unknown
 * flags are usage errors that suggest the closest option and point at --help. Returns
 * undefined for --help (the caller prints it).
 */

const OPTION_CONFIG = (options: Options) => {
  const config: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h" } };
  for (const [name, o] of Object.entries(options)) config[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  return config;
};

/** The flags after which the next word is their value, not the command: `--keys K1`. */
export function takesValue(options: Options): Set<string> {
  const out = new Set<string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== "string") continue;
    out.add(`--${name}`);
    if (o.short) out.add(`-${o.short}`);
  }
  return out;
}

/**
 * Splits `[aim options] [--] command args...` at the first `--` or the first word that is
 * not an option; the command's own flags (and a `--` among them) are left alone.
 */
export function splitCommand(argv: readonly string[], values: ReadonlySet<string>): [string[], string[]] {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return [argv.slice(0, i), argv.slice(i + 1)];
    if (!arg.startsWith("-") || arg === "-") return [argv.slice(0, i), argv.slice(i)];
    if (values.has(arg)) i++;
  }
  return [[...argv], []];
}

function checkPositionals(spec: CommandSpec, path: readonly string[], got: readonly string[]): void {
  const usage = () => `usage: ${usageLine(path, spec)}`;
  const specs = spec.positionals ?? [];
  const missing = specs.slice(got.length).find((p) => p.required);
  if (missing) {
    const name = missing.name.startsWith("<") ? `no ${missing.name.slice(1, -1)} given` : `missing ${missing.name}`;
    throw usageError(name, usage());
  }
  if (!specs.at(-1)?.variadic && got.length > specs.length) throw usageError("too many arguments", usage());
}

export function parseInput(spec: CommandSpec, path: readonly string[], args: string[]): Input | undefined {
  if (spec.raw) return { values: {}, positionals: args };
  const options = spec.options ?? {};
  const helpCommand = `aim ${path.join(" ")} --help`;
  let own = args;
  let rest: string[] = [];
  if (spec.passthrough) {
    [own, rest] = splitCommand(args, takesValue(options));
    // `aim exec -- cmd`, the hook's and most scripts' form, has nothing to parse.
    if (own.length === 0) {
      checkPositionals(spec, path, rest);
      return { values: {}, positionals: rest };
    }
  }
  const config = OPTION_CONFIG(options);
  const allowPositionals = !spec.passthrough;
  for (const token of parseArgs({ args: own, options: config, allowPositionals: true, strict: false, tokens: true }).tokens) {
    if (token.kind !== "option" || token.name in config) continue;
    const close = token.rawName.startsWith("--") ? didYouMean(token.name, Object.keys(config), (c) => `--${c}`) : undefined;
    throw usageError(`unknown option "${token.rawName}"`, close ? `${close} See: ${helpCommand}` : `see: ${helpCommand}`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: config, allowPositionals, strict: true });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional.*$/s, "");
    throw usageError(`${message.charAt(0).toLowerCase()}${message.slice(1)}`, `see: ${helpCommand}`);
  }
  if ((parsed.values as { help?: boolean }).help) return undefined;
  const positionals = spec.passthrough ? rest : parsed.positionals;
  checkPositionals(spec, path, positionals);
  return { values: { ...parsed.values } as Input["values"], positionals };
}
