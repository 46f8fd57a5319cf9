import { type CommandSpec, type Complete, findSpec, HELP_OPTION, type OptionSpec, type PositionalSpec } from "./spec.js";

/**
 * What a shell completion offers after `aim <words...> <current>`, read from the command
 * specs alone: nothing about a command or an option is written here. Pure: the values that
 * live in aim's data (stored key names, tools, profiles) come from `sources`, asked only
 * when the position wants them.
 */

export interface Candidate {
  value: string;
  description?: string;
}

/** What the shell completes by itself when aim has no list: files, folders, commands, or nothing. */
export type Fallback = "file" | "dir" | "command" | "none";

export interface Completion {
  candidates: Candidate[];
  fallback: Fallback;
}

type List = string[] | Promise<string[]>;

export interface Sources {
  keys(): List;
  tools(): List;
  profiles(): List;
}

const HELP: Candidate = { value: "--help", description: HELP_OPTION.description };
const ROOT_OPTIONS: Candidate[] = [HELP, { value: "--version", description: "print aim's version" }];

const FALLBACK: Partial<Record<Complete, Fallback>> = { file: "file", dir: "dir", command: "command" };

/** Where the walk over the typed words ended. */
interface Position {
  spec: CommandSpec | undefined;
  /** A string option whose value the current word is. */
  valueFor?: OptionSpec;
  /** Positional words seen (after the passthrough boundary, the command line's words). */
  positionals: number;
  /** Past `--` or a passthrough command's first word: aim's options are over. */
  optionsDone: boolean;
  /** A word named no command (or an internal one): nothing to offer. */
  lost?: boolean;
}

function optionNamed(spec: CommandSpec, word: string): OptionSpec | undefined {
  const options = spec.options ?? {};
  if (word.startsWith("--")) return options[word.slice(2)];
  return Object.values(options).find((o) => o.short !== undefined && word === `-${o.short}`);
}

function walk(commands: readonly CommandSpec[], words: readonly string[]): Position {
  const at: Position = { spec: undefined, positionals: 0, optionsDone: false };
  let subs: readonly CommandSpec[] | undefined = commands;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (subs) {
      if (word.startsWith("-")) continue;
      at.spec = findSpec(subs, word);
      if (!at.spec || at.spec.raw) return { spec: undefined, positionals: 0, optionsDone: true, lost: true };
      subs = at.spec.subcommands;
      continue;
    }
    const spec = at.spec as CommandSpec;
    if (!at.optionsDone && word === "--") {
      at.optionsDone = true;
    } else if (!at.optionsDone && word.startsWith("-") && word !== "-") {
      if (optionNamed(spec, word)?.type === "string" && !word.includes("=")) i++;
    } else {
      at.positionals++;
      if (spec.passthrough) at.optionsDone = true;
    }
  }
  // The word before the current one asked for a value.
  const last = words.at(-1);
  if (at.spec && !at.spec.subcommands && !at.optionsDone && last?.startsWith("-")) {
    const o = optionNamed(at.spec, last);
    if (o?.type === "string" && !last.includes("=")) at.valueFor = o;
  }
  return at;
}

async function values(kind: Complete | undefined, choices: readonly string[] | undefined, sources: Sources): Promise<Completion> {
  if (choices) return { candidates: choices.map((value) => ({ value })), fallback: "none" };
  const listed: Partial<Record<Complete, () => List>> = { key: sources.keys, tool: sources.tools, profile: sources.profiles };
  const list = kind ? listed[kind] : undefined;
  if (list) return { candidates: (await list()).map((value) => ({ value })), fallback: "none" };
  return { candidates: [], fallback: (kind && FALLBACK[kind]) ?? "none" };
}

const positionalAt = (specs: readonly PositionalSpec[], n: number): PositionalSpec | undefined =>
  specs[n] ?? (specs.at(-1)?.variadic ? specs.at(-1) : undefined);

/** Keeps the candidates that extend `current`; a comma list (`--keys A,B`) completes its last item. */
function narrow(c: Completion, current: string, list: boolean): Completion {
  const comma = list ? current.lastIndexOf(",") + 1 : 0;
  const head = current.slice(0, comma);
  const tail = current.slice(comma);
  const candidates = c.candidates.filter((x) => x.value.startsWith(tail)).map((x) => ({ ...x, value: head + x.value }));
  return { candidates, fallback: c.fallback };
}

export async function complete(
  commands: readonly CommandSpec[],
  words: readonly string[],
  current: string,
  sources: Sources,
): Promise<Completion> {
  const at = walk(commands, words);
  const { spec } = at;
  if (at.lost) return { candidates: [], fallback: "none" };
  if (at.valueFor) {
    const o = at.valueFor;
    return narrow(await values(o.complete, o.choices, sources), current, o.complete === "key" && o.value?.includes(",") === true);
  }
  if (current.startsWith("-") && !at.optionsDone) {
    if (!spec) return narrow({ candidates: ROOT_OPTIONS, fallback: "none" }, current, false);
    const options = Object.entries(spec.options ?? {}).map(([name, o]) => ({
      value: `--${name}`,
      description: o.description.split("\n")[0],
    }));
    return narrow({ candidates: [...options, HELP], fallback: "none" }, current, false);
  }
  const subs = spec ? spec.subcommands : commands;
  if (subs) {
    const shown = subs.filter((s) => !s.hidden).map((s) => ({ value: s.name, description: s.summary }));
    return narrow({ candidates: shown, fallback: "none" }, current, false);
  }
  const p = positionalAt((spec as CommandSpec).positionals ?? [], at.positionals);
  if (!p) return { candidates: [], fallback: "none" };
  return narrow(await values(p.complete, p.choices, sources), current, false);
}
