import { usageError } from "../errors.js";

export const help = `Usage: aim secrets <command> [options]

Manage the keys aim keeps in the OS keyring (or the encrypted file vault: aim vault --help).

Commands:
  set KEY [VALUE]        store a key (hidden prompt on a terminal, else standard input)
  get KEY                print a key, masked unless --show; --clipboard copies it
  list                   the stored keys and their metadata (never values)
  delete KEY             remove a key and its metadata
  export [KEY...]        print shell code that exports keys: eval "$(aim secrets export --all)"
  import FILE            move a .env file's values into the keyring
  migrate --to BACKEND   move every key to the other backend (file or keyring)

Run aim secrets <command> --help for its options.
`;

type Sub = { run(args: string[]): Promise<number> };

const SUBCOMMANDS: Record<string, () => Promise<Sub>> = {
  set: () => import("./secrets/set.js"),
  get: () => import("./secrets/get.js"),
  list: () => import("./secrets/list.js"),
  ls: () => import("./secrets/list.js"),
  delete: () => import("./secrets/delete.js"),
  rm: () => import("./secrets/delete.js"),
  export: () => import("./secrets/export.js"),
  import: () => import("./secrets/import.js"),
  migrate: () => import("./secrets/migrate.js"),
};

export async function run(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? process.stderr : process.stdout).write(help);
    return name === undefined ? 2 : 0;
  }
  const load = SUBCOMMANDS[name];
  if (!load) throw usageError(`unknown command "secrets ${name}"`, "see: aim secrets --help");
  return (await load()).run(rest);
}
