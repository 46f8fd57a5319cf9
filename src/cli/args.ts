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
  const config: Config = { help: { type: "boolean", short: "h" } };
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

type Config = NonNullable<ParseArgsConfig["options"]>;

/**
 * The common words parsed without node:util's parseArgs, whose load alone costs about 3 M
 * instructions (`aim exec --keys K` and `aim hook-env`: 4% of their start; bench/README.md):
 * positionals, and long options of `config` spelled out (`--flag`, `--name value`,
 * `--name=value`). Anything else (a short flag, `--`, an unknown or malformed option, a value
 * that starts with "-") returns undefined, for parseArgs and its errors. Gives what parseArgs
 * gives for the same words (test/cli/args.test.ts compares them).
 */
export function plainParse(
  config: Config,
  args: readonly string[],
  allowPositionals: boolean,
): { values: Record<string, string | boolean>; positionals: string[] } | undefined {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("-")) {
      if (!allowPositionals) return undefined;
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith("--") || arg === "--") return undefined;
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const option = Object.hasOwn(config, name) ? config[name] : undefined;
    if (option === undefined || option.multiple) return undefined;
    if (option.type === "boolean") {
      if (eq >= 0) return undefined;
      values[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith("-"))) return undefined;
    values[name] = value;
  }
  return { values, positionals };
}

/** node:util's parseArgs, strict: unknown flags are usage errors that suggest the closest option. */
function strictParse(
  config: Config,
  own: string[],
  allowPositionals: boolean,
  helpCommand: string,
): { values: Record<string, unknown>; positionals: string[] } {
  for (const token of parseArgs({ args: own, options: config, allowPositionals: true, strict: false, tokens: true }).tokens) {
    if (token.kind !== "option" || token.name in config) continue;
    const close = token.rawName.startsWith("--") ? didYouMean(token.name, Object.keys(config), (c) => `--${c}`) : undefined;
    throw usageError(`unknown option "${token.rawName}"`, close ? `${close} See: ${helpCommand}` : `see: ${helpCommand}`);
  }
  try {
    const { values, positionals } = parseArgs({ args: own, options: config, allowPositionals, strict: true });
    return { values: { ...values }, positionals };
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional.*$/s, "");
    throw usageError(`${message.charAt(0).toLowerCase()}${message.slice(1)}`, `see: ${helpCommand}`);
  }
}

export function parseInput(spec: CommandSpec, path: readonly string[], args: string[]): Input | undefined {
  if (spec.raw) return { values: {}, positionals: args };
  const options = spec.options ?? {};
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
  const parsed = plainParse(config, own, allowPositionals) ?? strictParse(config, own, allowPositionals, `aim ${path.join(" ")} --help`);
  if (parsed.values.help) return undefined;
  const positionals = spec.passthrough ? rest : parsed.positionals;
  checkPositionals(spec, path, positionals);
  return { values: parsed.values as Input["values"], positionals };
}
