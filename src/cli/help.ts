import { type CommandSpec, HELP_OPTION, type OptionSpec } from "./spec.js";
import { usageArgs, usageLine } from "./usage.js";

/**
 * Help text, rendered from the specs (loaded only when help is asked for). `path` is the
 * words after `aim`: ["secrets", "set"].
 */

const COLUMN = 22;

/** Two columns; a left side too wide for the column pushes its text to the next line. */
function table(rows: Array<[string, string]>, width = COLUMN): string[] {
  const out: string[] = [];
  for (const [left, text] of rows) {
    const [first = "", ...more] = text.split("\n");
    if (left.length > width - 2) out.push(`  ${left}`, `  ${" ".repeat(width)}${first}`);
    else out.push(`  ${left.padEnd(width)}${first}`);
    for (const line of more) out.push(`  ${" ".repeat(width)}${line}`);
  }
  return out;
}

function optionRows(spec: CommandSpec): Array<[string, string]> {
  const all: Array<[string, OptionSpec]> = [...Object.entries(spec.options ?? {}), ["help", HELP_OPTION]];
  return all.map(([name, o]) => {
    const value = o.type === "string" ? ` ${o.value ?? "VALUE"}` : "";
    return [`${o.short ? `-${o.short}, ` : ""}--${name}${value}`, o.description];
  });
}

const visible = (specs: readonly CommandSpec[]) => specs.filter((s) => !s.hidden);

export function renderHelp(path: readonly string[], spec: CommandSpec): string {
  const parts = [`Usage: ${usageLine(path, spec)}`];
  if (spec.description) parts.push(spec.description);
  if (spec.subcommands) {
    const rows = visible(spec.subcommands).map((s): [string, string] => [`${s.name} ${usageArgs(s, true)}`.trim(), s.summary]);
    parts.push(["Commands:", ...table(rows, COLUMN + 6)].join("\n"));
    parts.push(`Run aim ${path.join(" ")} <command> --help for its options.`);
  } else if (!spec.raw) {
    parts.push(["Options:", ...table(optionRows(spec))].join("\n"));
  }
  if (spec.epilog) parts.push(spec.epilog);
  return `${parts.join("\n\n")}\n`;
}

/** `aim --help`: every visible command with its arguments and summary. */
export function renderTopHelp(commands: readonly CommandSpec[]): string {
  const rows = visible(commands).map((s): [string, string] => {
    const args = s.subcommands
      ? visible(s.subcommands)
          .map((c) => c.name)
          .join("|")
      : usageArgs(s);
    return [`${s.name} ${args}`.trim(), s.summary];
  });
  return `Usage: aim <command> [options]

aim keeps API keys in the OS keyring and hands them to the programs that need them.

Commands:
${table(rows, 42).join("\n")}

Options:
${table(
  [
    ["-h, --help", "show this help (aim help <command> or aim <command> --help for a command's)"],
    ["-v, --version", "print aim's version"],
  ],
  15,
).join("\n")}
`;
}
