import { parseInput } from "./cli/args.js";
import { type CommandSpec, findSpec } from "./cli/spec.js";
import { exec } from "./commands/exec.spec.js";
import { hookEnv } from "./commands/hook-env.spec.js";
import { didYouMean, suggest } from "./core/suggest.js";
import { AimError, describeError, EXIT, exitCodeFor, usageError } from "./errors.js";
import { mappedStack } from "./runtime/debug-stack.js";
import { log } from "./runtime/log.js";

declare const AIM_VERSION: string;

const HELP_WORDS = new Set(["--help", "-h", "help"]);

/** The top-level command being run: under a wrapper (exec, run) aim's own failures are 125. */
let running: CommandSpec | undefined;

const help = async () => await import("./cli/help.js");

/**
 * The start-up paths (aim exec, and aim hook-env at a prompt) find their spec here; every
 * other command loads the registry, so that they do not load every command's help text.
 */
const HOT: readonly CommandSpec[] = [exec, hookEnv];
const commands = async () => (await import("./commands/registry.js")).COMMANDS;

function unknownCommand(path: readonly string[], word: string, specs: readonly CommandSpec[]): AimError {
  const shown = specs.filter((s) => !s.hidden);
  // A close alias suggests its command: `aim secrets lst` -> aim secrets list.
  const words = shown.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
  const close = [...new Set(suggest(word, words).map((w) => (findSpec(shown, w) as CommandSpec).name))];
  const full = (name: string) => ["aim", ...path, name].join(" ");
  const hint = close.length ? `did you mean: ${close.map(full).join(" or ")}?` : `see: ${full("--help")}`;
  return usageError(`unknown command "${[...path, word].join(" ")}"`, hint);
}

/** `aim help secrets set`: the spec at the end of the words, or a usage error. */
async function specAt(words: readonly string[]): Promise<{ path: string[]; spec: CommandSpec | undefined }> {
  const path: string[] = [];
  let specs = await commands();
  let spec: CommandSpec | undefined;
  for (const word of words) {
    spec = findSpec(specs, word);
    if (!spec) throw unknownCommand(path, word, specs);
    path.push(spec.name);
    specs = spec.subcommands ?? [];
  }
  return { path, spec };
}

async function printHelp(words: readonly string[], to: NodeJS.WriteStream): Promise<void> {
  const { path, spec } = await specAt(words);
  const { renderHelp, renderTopHelp } = await help();
  to.write(spec ? renderHelp(path, spec) : renderTopHelp(await commands()));
}

async function runSpec(path: string[], spec: CommandSpec, args: string[]): Promise<number> {
  if (spec.subcommands) {
    const [word, ...rest] = args;
    if (word === undefined) return printHelp(path, process.stderr).then(() => EXIT.usage);
    if (HELP_WORDS.has(word)) return printHelp(word === "help" ? [...path, ...rest] : path, process.stdout).then(() => 0);
    const sub = findSpec(spec.subcommands, word);
    if (!sub) throw unknownCommand(path, word, spec.subcommands);
    return runSpec([...path, sub.name], sub, rest);
  }
  const input = parseInput(spec, path, args);
  if (!input) return printHelp(path, process.stdout).then(() => 0);
  // A spec without code is a bug in the registry, not the user's: let it be an internal error.
  return (await (spec.load as NonNullable<CommandSpec["load"]>)()).run(input);
}

export async function main(argv: string[]): Promise<number> {
  const [word, ...rest] = argv;
  if (word === undefined) return printHelp([], process.stderr).then(() => EXIT.usage);
  if (HELP_WORDS.has(word)) return printHelp(word === "help" ? rest : [], process.stdout).then(() => 0);
  if (word === "--version" || word === "-v" || word === "version") {
    process.stdout.write(`${AIM_VERSION}\n`);
    return 0;
  }
  if (word.startsWith("-")) {
    const close = didYouMean(word.replace(/^-+/, ""), ["help", "version"], (c) => `aim --${c}`);
    throw usageError(`unknown option "${word}"`, close ?? "see: aim --help");
  }
  const specs = findSpec(HOT, word) ? HOT : await commands();
  const spec = findSpec(specs, word);
  if (!spec) throw unknownCommand([], word, specs);
  running = spec;
  return runSpec([spec.name], spec, rest);
}

/** The one place where errors become messages and exit codes. */
export function report(err: unknown): number {
  const wrapper = running?.passthrough !== undefined;
  if (err instanceof AimError) {
    log.error(describeError(err));
    if (process.env.AIM_DEBUG && err.cause) process.stderr.write(`${mappedStack(String((err.cause as Error).stack ?? err.cause))}\n`);
    return exitCodeFor(err.code, wrapper);
  }
  if ((err as { code?: string })?.code === "ABORT_ERR") return 130;
  log.error(
    `internal error: ${(err as Error)?.message ?? String(err)}. Please report it; run again with AIM_DEBUG=1 for a stack mapped to aim's sources`,
  );
  if (process.env.AIM_DEBUG) process.stderr.write(`${mappedStack(String((err as Error)?.stack ?? ""))}\n`);
  return wrapper ? EXIT.aim : EXIT.failure;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = report(err);
  },
);
