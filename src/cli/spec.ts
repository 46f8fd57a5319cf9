/**
 * A command's interface as data: the one place its name, options and positionals are
 * written. Help text, the argument parser, exec's `--` split, the top-level listing and
 * (through allSpecs() in registry.ts) shell completions and the man page derive from it.
 * A spec is small and loaded with cli.js; the command's code is behind `load`.
 */

/** What a shell completion offers for a value. */
export type Complete = "key" | "shell" | "tool" | "profile" | "file" | "dir" | "command" | "backend" | "none";

export interface OptionSpec {
  type: "boolean" | "string";
  description: string;
  short?: string;
  /** The value's placeholder in help (`--keys K1,K2`); string options only. */
  value?: string;
  /** The values a completion offers, shown in usage as a|b (not enforced: the code checks). */
  choices?: readonly string[];
  complete?: Complete;
  /** Shown without brackets in the usage line (the code still checks it). */
  required?: boolean;
}

export interface PositionalSpec {
  /** As help shows it: KEY, PATH, <command>. */
  name: string;
  required?: boolean;
  /** Takes every remaining word (KEY..., [args...]); only the last positional. */
  variadic?: boolean;
  choices?: readonly string[];
  complete?: Complete;
}

export type Options = Readonly<Record<string, OptionSpec>>;

/** What the parser hands a command: its options' values, typed by the spec. */
export interface Input<O extends Options = Options> {
  values: { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string };
  positionals: string[];
}

export interface Loaded<O extends Options> {
  run(input: Input<O>): Promise<number>;
}

export interface CommandSpec<O extends Options = Options> {
  name: string;
  /** One line, lower case, no full stop: the listing in the parent's help. */
  summary: string;
  /** The paragraphs between the usage line and the options in --help. */
  description?: string;
  /** After the options in --help (exit codes, examples). */
  epilog?: string;
  aliases?: readonly string[];
  /** Not listed and not suggested (run by hooks and aim itself). */
  hidden?: boolean;
  options?: O;
  positionals?: readonly PositionalSpec[];
  /**
   * exec and run: aim's options end at the first word that is not one (or at `--` when
   * "dashdash"); everything after is a command line, handed over untouched as positionals.
   */
  passthrough?: "dashdash" | "word";
  /** hook-env: no parsing at all (not even --help); the words are the positionals. */
  raw?: boolean;
  subcommands?: readonly CommandSpec[];
  /** The command's code, loaded only when it runs. Absent for a group. */
  load?: () => Promise<Loaded<O>>;
}

/** Identity with inference: `defineCommand({...})` checks the loaded run against the options. */
export const defineCommand = <O extends Options = Record<never, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> => spec;

/** The command (or subcommand) a word names, aliases included. */
export const findSpec = (specs: readonly CommandSpec[], word: string): CommandSpec | undefined =>
  specs.find((s) => s.name === word || s.aliases?.includes(word));

/** `--help` is every command's, so no spec lists it. */
export const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", description: "show this help" };

/** The input a spec's code receives: `run(input: InputOf<typeof spec>)`. */
export type InputOf<S> = S extends CommandSpec<infer O> ? Input<O> : never;
