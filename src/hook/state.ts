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
  /** The id of the shell that wrote it (kept in that shell's marker): a state with another id is not this shell's. */
  id?: string;
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
  const { file, keys, said, id } = doc as Record<string, unknown>;
  const strings = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === "string") : []);
  return {
    file: typeof file === "string" && file !== "" ? file : null,
    keys: strings(keys).filter((k) => KEY.test(k)),
    said: strings(said),
    ...(typeof id === "string" && /^[0-9a-f]{32}$/.test(id) ? { id } : {}),
  };
}

export const serializeState = (state: HookState): string => JSON.stringify(state);

/**
 * The state as this shell's hook may act on it. One whose id is not `shellId` (the id in this
 * shell's marker) was forged, or inherited from the shell that started this one: it names
 * nothing this shell exported, except the keys whose value is exactly what aim loads here now
 * (`loads`), which an ancestor's hook loaded from the same store, so taking them over and back is safe.
 */
export function ownState(state: HookState, shellId: string | null, loads: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv): HookState {
  if (state.id !== undefined && state.id === shellId) return state;
  return { ...EMPTY_STATE, keys: state.keys.filter((k) => loads.has(k) && Object.hasOwn(env, k) && env[k] === loads.get(k)) };
}

export const isEmptyState = (state: HookState): boolean => state.file === null && state.keys.length === 0;
