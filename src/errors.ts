/** Exit codes follow env(1): aim's own failures are 125, the command's problems 126/127. */
export const EXIT = { usage: 2, failure: 1, aim: 125, notExecutable: 126, notFound: 127 } as const;

export type ErrorCode =
  | "USAGE"
  | "BAD_KEY_NAME"
  | "BAD_VALUE"
  | "NOT_FOUND"
  | "KEYRING_UNAVAILABLE"
  | "KEYRING_LOCKED"
  | "KEYRING_DENIED"
  | "KEYRING_FAILED"
  | "CONFIG_INVALID"
  | "UNTRUSTED"
  | "MISSING_KEYS"
  | "IO"
  | "DATA_DAMAGED"
  | "VAULT"
  | "VAULT_LOCKED"
  | "VAULT_PASSPHRASE"
  | "VAULT_CORRUPT"
  | "TOOL";

/**
 * The one error type aim throws on purpose. `message` names the problem, `hint` the command
 * that fixes it. Neither ever holds a secret value: build them from key names and paths only.
 */
const BRAND = Symbol.for("aim.AimError");

export class AimError extends Error {
  /**
   * dist/ bundles each command on its own, so a process may hold two copies of this class
   * (cli.js catches what the exec bundle throws). The brand makes instanceof hold across
   * copies.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: true })[BRAND] === true;
  }

  readonly [BRAND] = true as const;
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AimError";
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? EXIT.failure;
  }
}

export const usageError = (message: string, hint?: string): AimError =>
  new AimError("USAGE", message, { hint, exitCode: EXIT.usage });

/** The one-line form of an error for stderr: "message. Hint". */
export const describeError = (err: AimError): string =>
  `${err.message}${err.hint ? `. ${err.hint.charAt(0).toUpperCase()}${err.hint.slice(1)}` : ""}`;
