import { dispatch } from "./group.js";

export const help = `Usage: aim vault <command> [options]

The encrypted file vault ($AIM_DATA_DIR/vault.age, an age file) holds the secrets when
the backend is "file" (AIM_BACKEND=file, or auto on a machine with no keyring).

Commands:
  unlock                 ask for the passphrase once and keep the vault unlocked for this
                         login session (a background agent; creates the vault if missing)
  lock                   stop the agent: the next command asks for the passphrase again
  status                 is the vault there, and is it unlocked? (exit 0 unlocked, 1 locked)

Run aim vault <command> --help for its options.
`;

const SUBCOMMANDS = {
  unlock: () => import("./vault/unlock.js"),
  lock: () => import("./vault/lock.js"),
  status: () => import("./vault/status.js"),
};

export const run = (args: string[]): Promise<number> => dispatch("vault", help, SUBCOMMANDS, args);
