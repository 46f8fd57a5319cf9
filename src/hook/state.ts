// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
/**
 * What the hook remembers between two runs of `aim hook-env`, kept in one exported
 * variable so that child shells know which variables are aim's. It holds a file path, key
 * NAMES and the warnings already shown: never a value (DESIGN "Secret hygiene").
 */
export const STATE_VAR = "__aim_state";

export interface HookState {
  /** The project file that governed at the last run (loaded, refused or broken). */
  file: string | null;
  /** The variables aim exported and will take back on leaving. */
  keys: string[];
  /** Warnings already shown for `file`, so each is said once. */
  said: string[];
  /** This shell has a session in the per-user broker (a flag: never a value or a credential). */
  broker?: boolean;
}

export const EMPTY_STATE: HookState = { file: null, keys: [], said: [] };

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads the state from the environment. Anything odd (an older format, a hand-edited
 * value, a name that is not a variable name and would be spliced into shell code) is
 * dropped rather than trusted. */
export function parseState(raw: string | undefined): HookState {
  if (!raw) return EMPTY_STATE;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return EMPTY_STATE;
  }
  if (typeof doc !== "object" || doc === null) return EMPTY_STATE;
  const { file, keys, said, broker } = doc as Record<string, unknown>;
  const strings = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === "string") : []);
  return {
    file: typeof file === "string" && file !== "" ? file : null,
    keys: strings(keys).filter((k) => KEY.test(k)),
    said: strings(said),
    ...(broker === true ? { broker: true } : {}),
  };
}

export const serializeState = (state: HookState): string => JSON.stringify(state);

export const isEmptyState = (state: HookState): boolean => state.file === null && state.keys.length === 0;
