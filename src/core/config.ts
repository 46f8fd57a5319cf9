import { formatReference, parseReference, plainReference, variableOf } from "./reference.js";
import type { ToolConfig } from "./registry.js";

/** A list entry: a plain NAME (read under the profile), or one `VARIABLE: REFERENCE`. */
export type KeyEntry = string | Readonly<Record<string, string>>;

/** What a project's .aimrc (or package.json "aim" field) says. */
export interface ProjectFile {
  /** The profile plain names are read from; explicit references keep their own. */
  profile?: string;
  keys?: KeyEntry[];
  optional?: KeyEntry[];
}

/** The user's global config: merged under every project's. */
export interface GlobalFile {
  keys?: KeyEntry[];
  optional?: KeyEntry[];
  mask?: boolean;
  /** aim run's registry: added tools, overrides of built-in entries, key mappings. */
  tools?: Record<string, ToolConfig>;
  /** Read on its own, early, by store/backend-config.ts; validated here with the rest. */
  backend?: "keyring" | "file" | "auto";
}

export interface Found<T> {
  /** Absolute path of the file that governs. */
  filepath: string;
  config: T;
  /** SHA-256 of the very bytes `config` was parsed from: trust must judge those, not a second read. */
  sha256?: string;
  /** Set when the trust records already allowed these exact bytes (read once, with the file): its fingerprint. */
  allowed?: { path: string; sha256: string };
}

/** The effective key lists: defaults, then global, then project, then command-line flags. */
export interface KeyPlan {
  /** Variables the command must get. */
  required: string[];
  /** Variables it gets when present. */
  optional: string[];
  /** Variable → the reference that fills it (canonical text: `work/NAME`, `team:NAME`). */
  refs: Record<string, string>;
  /** Variable → references tried in order when its own has nothing (a tool's fallback: Codex's CODEX_API_KEY ← OPENAI_API_KEY). */
  fallbacks?: Record<string, readonly string[]>;
  /** The profile plain names were read from; undefined for the default profile. */
  profile: string | undefined;
}

export interface PlanFlags {
  /** --keys: extra required keys (NAME, PROFILE/NAME or team:NAME, canonical), which need no trust. */
  keys?: string[];
  /** --only: restrict to these variables. */
  only?: string[];
  /** --no-config: ignore the project file. */
  noConfig?: boolean;
  /** Extra optional variables, which need no trust (the keys of the tool aim run starts). */
  optional?: string[];
  /** Variable → reference for those (a tool's `from`). */
  sources?: Readonly<Record<string, string>>;
  /** Variable → fallback store keys for those keys (plain ones are read under the profile). */
  fallbacks?: Readonly<Record<string, readonly string[]>>;
  /** --profile, as given ("default" is the default profile). */
  profile?: string;
  /** AIM_PROFILE, as set. */
  envProfile?: string;
}

/** The list entry as (variable, reference text or undefined for a plain name). */
export const entryBinding = (entry: KeyEntry): [string, string | undefined] =>
  typeof entry === "string" ? [entry, undefined] : (Object.entries(entry)[0] ?? ["", undefined]);

/** --profile > the project file's profile > AIM_PROFILE > the default profile (undefined). */
export function choosePlanProfile(flag: string | undefined, file: string | undefined, env: string | undefined): string | undefined {
  const chosen = flag ?? file ?? (env === "" ? undefined : env);
  return chosen === "default" ? undefined : chosen;
}

interface Binding {
  ref: string | undefined;
  required: boolean;
}

export function planKeys(global: GlobalFile | undefined, project: ProjectFile | undefined, flags: PlanFlags = {}): KeyPlan {
  const proj = flags.noConfig ? undefined : project;
  const profile = choosePlanProfile(flags.profile, proj?.profile, flags.envProfile);
  const bindings = new Map<string, Binding>();
  // Sources from least to most specific. An explicit reference beats a plain name wherever
  // it comes from; otherwise the more specific source wins. Required-ness accumulates.
  const add = (variable: string, ref: string | undefined, required: boolean) => {
    const prev = bindings.get(variable);
    const keepRef = prev?.ref !== undefined && ref === undefined;
    bindings.set(variable, { ref: keepRef ? prev?.ref : ref, required: required || (prev?.required ?? false) });
  };
  const addList = (list: readonly KeyEntry[] | undefined, required: boolean) => {
    for (const entry of list ?? []) add(...entryBinding(entry), required);
  };
  addList(global?.keys, true);
  addList(global?.optional, false);
  const sources = flags.sources;
  for (const v of flags.optional ?? []) add(v, sources && Object.hasOwn(sources, v) ? sources[v] : undefined, false);
  addList(proj?.keys, true);
  addList(proj?.optional, false);
  for (const k of flags.keys ?? []) {
    // References from parseKeysFlag: a plain NAME takes the profile, any other (default/NAME too) is explicit.
    const ref = parseReference(k);
    add(variableOf(ref) ?? k, ref.scheme === "store" && !k.includes("/") ? undefined : k, true);
  }
  const only = flags.only ? new Set(flags.only) : undefined;
  const required: string[] = [];
  const optional: string[] = [];
  // Keyed by names from outside: no inherited member (constructor, toString) may answer a lookup.
  const refs: Record<string, string> = Object.create(null);
  const canonical = (ref: string | undefined, variable: string) =>
    formatReference(ref === undefined ? plainReference(variable, profile) : parseReference(ref));
  for (const [variable, b] of bindings) {
    if (only && !only.has(variable)) continue;
    (b.required ? required : optional).push(variable);
    refs[variable] = canonical(b.ref, variable);
  }
  const plan: KeyPlan = { required, optional, refs, profile };
  const fallbacks = Object.entries(flags.fallbacks ?? {}).filter(([v, list]) => Object.hasOwn(refs, v) && list.length > 0);
  // A plain fallback is a name like any other: read under the profile, never from another one.
  if (fallbacks.length > 0) {
    plan.fallbacks = Object.create(null) as Record<string, readonly string[]>;
    for (const [v, list] of fallbacks)
      plan.fallbacks[v] = list.map((k) => canonical(k.includes("/") || k.includes(":") ? k : undefined, k));
  }
  return plan;
}
