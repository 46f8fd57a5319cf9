import { usageError } from "../errors.js";

type Sub = { run(args: string[]): Promise<number> };

/** `aim <group> <command> …`: help on a bare or --help call, else the lazily loaded subcommand. */
export async function dispatch(group: string, help: string, subcommands: Record<string, () => Promise<Sub>>, args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? process.stderr : process.stdout).write(help);
    return name === undefined ? 2 : 0;
  }
  const load = subcommands[name];
  if (!load) throw usageError(`unknown command "${group} ${name}"`, `see: aim ${group} --help`);
  return (await load()).run(rest);
}
