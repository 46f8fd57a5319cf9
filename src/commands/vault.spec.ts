import { defineCommand } from "../cli/spec.js";

export const unlockOptions = {
  timeout: {
    type: "string",
    value: "DURATION",
    complete: "none",
    description: "lock again after this long unused: 90s, 30m, 4h\n(default: AIM_VAULT_TIMEOUT, else 4h)",
  },
} as const;

export const unlock = defineCommand({
  name: "unlock",
  summary: "keep the vault unlocked for this login session (creates it if missing)",
  description: `Ask for the vault's passphrase once (hidden prompt on a terminal, or AIM_VAULT_PASSPHRASE)
and start a background agent that keeps the vault unlocked for this login session, like
ssh-agent: later aim commands ask it instead of you. The passphrase stays in the agent's
memory only: never on disk, in argv or in an environment variable. With no vault yet,
this creates one and asks for the new passphrase twice.`,
  options: unlockOptions,
  load: () => import("./vault/unlock.js"),
});

export const lock = defineCommand({
  name: "lock",
  summary: "stop the agent: the next command asks for the passphrase again",
  description: `Stop the agent that keeps the vault unlocked. The next command that needs a secret asks
for the passphrase again (or uses AIM_VAULT_PASSPHRASE).`,
  load: () => import("./vault/lock.js"),
});

export const statusOptions = { json: { type: "boolean", description: "print {vault, exists, unlocked, agentPid, expiresAt}" } } as const;

export const status = defineCommand({
  name: "status",
  summary: "is the vault there, and is it unlocked? (exit 0 unlocked, 1 locked)",
  description: `Say where the vault is, whether it exists, and whether an agent keeps it unlocked.
Exits 0 when it is unlocked, 1 when it is locked.`,
  options: statusOptions,
  load: () => import("./vault/status.js"),
});

export const vault = defineCommand({
  name: "vault",
  summary: "the encrypted file vault (no keyring here)",
  description: `The encrypted file vault ($AIM_DATA_DIR/vault.age, an age file) holds the secrets when
the backend is "file" (AIM_BACKEND=file, or auto on a machine with no keyring).`,
  subcommands: [unlock, lock, status],
});
