/**
 * Splits `[aim options] [--] command args...` at the first `--` or the first word that is not
 * an option; the command's own flags (and a `--` among them) are left alone.
 */
export function splitCommand(argv: string[], takesValue: ReadonlySet<string>): [string[], string[]] {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return [argv.slice(0, i), argv.slice(i + 1)];
    if (!arg.startsWith("-")) return [argv.slice(0, i), argv.slice(i)];
    if (takesValue.has(arg)) i++;
  }
  return [argv, []];
}
