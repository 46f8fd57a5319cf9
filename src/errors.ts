/** Exit codes follow env(1): aim's own failures are 125, the command's problems 126/127. */
export const EXIT = { usage: 2, failure: 1, aim: 125, notExecutable: 126, notFound: 127 } as const;

type Exit = typeof EXIT.usage | typeof EXIT.failure | typeof EXIT.notExecutable | typeof EXIT.notFound;

/**
 * Every error aim throws on purpose, with the exit code it means outside `aim exec` and
 * `aim run` and the hint shown when the throw site has none more specific. A new code does
 * not compile until it has an entry here. Under exec and run, 1 and 2 become 125 (see
 * exitCodeFor): the caller must be able to tell aim's failure from the command's.
 */
export const ERRORS = {
  USAGE: { exit: EXIT.usage, hint: "see: aim --help" },
  BAD_KEY_NAME: { exit: EXIT.failure, hint: "use letters, digits and _ only, not starting with a digit (e.g. OPENAI_API_KEY)" },
  BAD_VALUE: { exit: EXIT.failure, hint: "store the value with: aim secrets set KEY (hidden prompt or standard input)" },
  NOT_FOUND: { exit: EXIT.failure, hint: "see the stored keys with: aim secrets list" },
  KEYRING_UNAVAILABLE: { exit: EXIT.failure, hint: "run aim doctor for details" },
  KEYRING_LOCKED: { exit: EXIT.failure, hint: "unlock your login keyring; run aim doctor for details" },
  KEYRING_DENIED: { exit: EXIT.failure, hint: "allow aim in the keyring's access prompt; run aim doctor for details" },
  KEYRING_FAILED: { exit: EXIT.failure, hint: "run aim doctor for details" },
  CONFIG_INVALID: { exit: EXIT.failure, hint: "fix the file named above; aim status shows which files apply" },
  UNTRUSTED: { exit: EXIT.failure, hint: "review it, then run: aim allow" },
  MISSING_KEYS: { exit: EXIT.failure, hint: "add it with: aim secrets set KEY" },
  IO: { exit: EXIT.failure, hint: "check the path and its permissions, then run the command again" },
  DATA_DAMAGED: { exit: EXIT.failure, hint: "move the file aside and run the command again" },
  VAULT: { exit: EXIT.failure, hint: "run aim doctor for details" },
  VAULT_LOCKED: { exit: EXIT.failure, hint: "unlock it with aim vault unlock, or set AIM_VAULT_PASSPHRASE (CI)" },
  VAULT_PASSPHRASE: { exit: EXIT.failure, hint: "run the command again" },
  VAULT_CORRUPT: { exit: EXIT.failure, hint: "run aim doctor for details" },
  TOOL: { exit: EXIT.failure, hint: "aim tools lists the registry" },
  TEAM: { exit: EXIT.failure, hint: "see: aim team --help" },
  TEAM_NOT_RECIPIENT: { exit: EXIT.failure, hint: "ask a member to run: aim team add <your key from aim team whoami>" },
  TEAM_UNAPPROVED: { exit: EXIT.failure, hint: "check the change, then approve it: aim team allow" },
  TEAM_FORGED: { exit: EXIT.failure, hint: "restore the last good team file from git, or accept this one: aim team allow" },
  PASS: { exit: EXIT.failure, hint: "check the password store with: pass ls" },
  COMMAND_NOT_FOUND: { exit: EXIT.notFound, hint: "check the name and your PATH" },
  NOT_EXECUTABLE: { exit: EXIT.notExecutable, hint: "make it executable: chmod +x FILE" },
} as const satisfies Record<string, { exit: Exit; hint: string }>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * The exit code for an error of `code`. `wrapper`: aim ran as a wrapper of another command
 * (aim exec, aim run, and the library's execWithKeys/invokeTool), where every failure of aim
 * itself is 125 and only 126/127 speak of the command.
 */
export function exitCodeFor(code: ErrorCode, wrapper: boolean): number {
  // `code` can come from outside (a vault agent's reply): an unknown one is a plain failure.
  const exit: number = (ERRORS as Record<string, { exit: Exit }>)[code]?.exit ?? EXIT.failure;
  if (wrapper && (exit === EXIT.usage || exit === EXIT.failure)) return EXIT.aim;
  return exit;
}

/**
 * The one error type aim throws on purpose. `message` names the problem, `hint` the command
 * that fixes it (the table's default when the site has none). Neither ever holds a secret
 * value: build them from key names and paths only.
 */
export class AimError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AimError";
    this.code = code;
    this.hint = opts.hint ?? (ERRORS as Record<string, { hint: string }>)[code]?.hint;
  }

  /** The exit code as a wrapper reports it (the library runs commands as aim exec does). */
  get exitCode(): number {
    return exitCodeFor(this.code, true);
  }
}

export const usageError = (message: string, hint?: string): AimError => new AimError("USAGE", message, { hint });

/** The one-line form of an error for stderr: "message. Hint". */
export const describeError = (err: AimError): string =>
  `${err.message}${err.hint ? `. ${err.hint.charAt(0).toUpperCase()}${err.hint.slice(1)}` : ""}`;
