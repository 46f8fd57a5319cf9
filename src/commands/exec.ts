import { parseKeyList } from "../core/names.js";
import { usageError } from "../errors.js";
import { log } from "../io/log.js";
import { assertTrusted, loadProject } from "../io/project.js";
import { missingKeysError, resolveKeys } from "../io/resolve.js";
import { exitLike, runChild } from "../io/spawn.js";
import { parseCommand } from "./args.js";

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

/** Splits `[aim options] [--] command args...`; the command's own flags are left alone. */
export function splitCommand(argv: string[]): [string[], string[]] {
  const dash = argv.indexOf("--");
  if (dash >= 0) return [argv.slice(0, dash), argv.slice(dash + 1)];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("-")) return [argv.slice(0, i), argv.slice(i)];
    if (TAKES_VALUE.has(arg)) i++;
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
  const project = await loadProject(process.cwd(), {
    keys: values.keys === undefined ? undefined : parseKeyList(values.keys),
    only: values.only === undefined ? undefined : parseKeyList(values.only),
    noConfig: values["no-config"],
  });
  assertTrusted(project);
  const resolved = await resolveKeys(project.plan);
  // An unreachable store is fatal only when the environment does not already hold every required key.
  if (resolved.storeError && resolved.missing.length > 0) throw resolved.storeError;
  if (resolved.missing.length > 0) {
    const source = project.file && resolved.missing.some((k) => project.file?.config.keys?.includes(k)) ? project.file.filepath : "--keys";
    throw missingKeysError(resolved.missing, source);
  }
  if (resolved.storeError) log.warn(`${resolved.storeError.message}; running with the inherited environment`);
  const mask = values.mask ?? project.global?.config.mask ?? false;
  const result = await runChild(cmd, args, resolved.env, mask ? [...resolved.values.values()] : undefined);
  return exitLike(result);
}
