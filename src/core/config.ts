import type { ToolConfig } from "./registry.js";

/** What a project's .aimrc (or package.json "aim" field) says. */
export interface ProjectFile {
  keys?: string[];
  optional?: string[];
}

/** The user's global config: merged under every project's. */
export interface GlobalFile extends ProjectFile {
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
}

/** The effective key lists: defaults, then global, then project, then command-line flags. */
export interface KeyPlan {
  required: string[];
  optional: string[];
  /** Variable → the store key that fills it, where they differ (a tool's `from` mapping). */
  sources?: Record<string, string>;
  /** Variable → store keys (then inherited variables) tried in order when its own source has nothing. */
  fallbacks?: Record<string, readonly string[]>;
}

export interface PlanFlags {
  /** --keys: extra required keys, which need no trust. */
  keys?: string[];
  /** --only: restrict to these names. */
  only?: string[];
  /** --no-config: ignore the project file. */
  noConfig?: boolean;
  /** Extra optional keys, which need no trust (the keys of the tool aim run starts). */
  optional?: string[];
  /** Variable → store key mappings for those keys. */
  sources?: Record<string, string>;
  /** Variable → fallback store keys for those keys. */
  fallbacks?: Record<string, readonly string[]>;
}

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)];

export function planKeys(global: GlobalFile | undefined, project: ProjectFile | undefined, flags: PlanFlags = {}): KeyPlan {
  const proj = flags.noConfig ? undefined : project;
  let required = uniq([...(global?.keys ?? []), ...(proj?.keys ?? []), ...(flags.keys ?? [])]);
  let optional = uniq([...(global?.optional ?? []), ...(proj?.optional ?? []), ...(flags.optional ?? [])]).filter((k) => !required.includes(k));
  if (flags.only) {
    const only = new Set(flags.only);
    required = required.filter((k) => only.has(k));
    optional = optional.filter((k) => only.has(k));
  }
  const plan: KeyPlan = { required, optional };
  if (flags.sources && Object.keys(flags.sources).length > 0) plan.sources = flags.sources;
  if (flags.fallbacks && Object.keys(flags.fallbacks).length > 0) plan.fallbacks = flags.fallbacks;
  return plan;
}
