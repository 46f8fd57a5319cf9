import { parseKeyList } from "../core/names.js";
import { usageError } from "../errors.js";
import { prepareEnv } from "../run/prepare.js";
import { canReplace } from "../run/execve.js";
import { preloadSpawner } from "../run/spawn.js";
import { parseCommand } from "./args.js";
import { splitCommand } from "./split.js";
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

const OPTIONS = {
  keys: { type: "string" },
  only: { type: "string" },
  "no-config": { type: "boolean" },
  mask: { type: "boolean" },
} as const;
type Options = { keys?: string; only?: string; "no-config"?: boolean; mask?: boolean };

const TAKES_VALUE = new Set(["--keys", "--only"]);

export async function run(argv: string[]): Promise<number> {
  const [own, command] = splitCommand(argv, TAKES_VALUE);
  // The child's code loads while aim reads its config and the keyring answers (unless aim
  // will execve: then only --mask needs it, and runChild loads it itself).
  if (!canReplace(false)) preloadSpawner();
  // `aim exec -- cmd` (the hook's and most scripts' form) has no options to parse.
  const parsed = own.length === 0 ? { values: {} as Options } : parseCommand(own, OPTIONS, help, { positionals: false });
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
