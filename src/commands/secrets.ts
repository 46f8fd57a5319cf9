import { dispatch } from "./group.js";

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

KEY is NAME (the default profile) or PROFILE/NAME (work/OPENAI_API_KEY); --profile P says
the same for a plain NAME. Run aim secrets <command> --help for its options.
`;

const SUBCOMMANDS = {
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

export const run = (args: string[]): Promise<number> => dispatch("secrets", help, SUBCOMMANDS, args);
