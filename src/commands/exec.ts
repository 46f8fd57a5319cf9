import { parseKeyList } from "../core/names.js";
import { usageError } from "../errors.js";
import { prepareEnv } from "../io/prepare.js";
import { parseCommand } from "./args.js";
import { launch } from "./launch.js";

export const help = `Usage: aim exec [options] -- <command> [args...]

Run a command with the keys its project needs. The nearest .aimrc (or package.json "aim"
field) at or above the working directory names them; it must be approved with aim allow.
Keys from the keyring win over inherited values; a required key the keyring lacks but the
environment has is passed on as inherited (CI). Exit status is the command's.

Options:
  --keys K1,K2    also require these keys (no .aimrc or trust needed)
  --only K1,K2    hand over only these of the configured keys
  --no-config     ignore .aimrc files (use with --keys)
  --mask          replace secret values in the command's output with *****
  -h, --help      show this help

Exit codes: the command's own; 125 aim failed (config, trust, missing key, keyring);
126 command not executable; 127 command not found.
`;

const TAKES_VALUE = new Set(["--keys", "--only"]);

/**
 * Splits `[aim options] [--] command args...` at the first `--` or the first word that is not
 * an option; the command's own flags (and a `--` among them) are left alone.
 */
export function splitCommand(argv: string[], takesValue: ReadonlySet<string> = TAKES_VALUE): [string[], string[]] {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return [argv.slice(0, i), argv.slice(i + 1)];
    if (!arg.startsWith("-")) return [argv.slice(0, i), argv.slice(i)];
    if (takesValue.has(arg)) i++;
  }
  return [argv, []];
}

export async function run(argv: string[]): Promise<number> {
  const [own, command] = splitCommand(argv);
  const parsed = parseCommand(
    own,
    { keys: { type: "string" }, only: { type: "string" }, "no-config": { type: "boolean" }, mask: { type: "boolean" } },
    help,
    { positionals: false },
  );
  if (!parsed) return 0;
  const [cmd, ...args] = command;
  if (cmd === undefined) throw usageError("no command given", "usage: aim exec -- <command> [args...]");
  const { values } = parsed;
  const ready = await prepareEnv(process.cwd(), {
    flags: {
      keys: values.keys === undefined ? undefined : parseKeyList(values.keys),
      only: values.only === undefined ? undefined : parseKeyList(values.only),
      noConfig: values["no-config"],
    },
  });
  return launch(cmd, args, ready, values.mask);
}
