import { assertKeyName, checkProfileOption } from "../core/names.js";
import { parseKeysFlag } from "../core/reference.js";
import type { TrustState } from "../project/trust.js";
import { loadProject } from "../project/project.js";
import { prepareEnv } from "../run/prepare.js";
import { quietly } from "./quiet.js";

/** Which files govern a folder and what they ask for. Holds names and paths, never a value. */
export interface ProjectInfo {
  /** The governing .aimrc (or package.json), by its real path; null when there is none. */
  file: string | null;
  /** Whether that file has been approved with `aim allow` in its current content. */
  trusted: boolean;
  /** "allowed", "denied", "changed" (edited since allowed), "unknown" (never allowed); null without a file. */
  trust: TrustState | null;
  /** The user's global config file, when there is one. */
  globalConfig: string | null;
  /** Keys a command in this folder must get (global config, then project). */
  required: string[];
  /** Keys it gets when present. */
  optional: string[];
  /** Each variable → the reference it is read from (`work/OPENAI_API_KEY`, `team:NAME`). */
  references: Record<string, string>;
  /** The profile plain names are read from ("default" for the default profile). */
  profile: string;
}

export interface ProjectOptions {
  /** The folder to start from. Default: process.cwd(). */
  cwd?: string;
  /** Ignore project files: only the global config counts. */
  noConfig?: boolean;
  /** Read plain names from this profile, like `--profile`: wins over the .aimrc's `profile` and AIM_PROFILE. */
  profile?: string;
}

/**
 * Finds and validates the project's config and the user's global config, and reports whether
 * the project is trusted. Never throws for an untrusted file (that is what it reports); throws
 * an {@link AimError} with code CONFIG_INVALID for a malformed one.
 */
export async function resolveProject(options: ProjectOptions = {}): Promise<ProjectInfo> {
  const project = await loadProject(options.cwd ?? process.cwd(), {
    noConfig: options.noConfig,
    profile: checkProfileOption(options.profile, "profile"),
  });
  return {
    file: project.fingerprint?.path ?? null,
    trusted: project.trust === "allowed",
    trust: project.trust,
    globalConfig: project.global?.filepath ?? null,
    required: project.plan.required,
    optional: project.plan.optional,
    references: { ...project.plan.refs },
    profile: project.plan.profile ?? "default",
  };
}

export interface EnvOptions extends ProjectOptions {
  /** More keys to require (NAME or PROFILE/NAME); they need no trust (like `aim exec --keys`). */
  keys?: string[];
  /** Hand over only these of the configured keys. */
  only?: string[];
  /** The environment to start from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** An environment for a child process. `env` holds secret values: pass it on, never log it. */
export interface ResolvedEnv {
  env: NodeJS.ProcessEnv;
  /** Keys whose value came from the keyring. */
  injectedKeys: string[];
  /** Keys the keyring lacked but the starting environment had. */
  inheritedKeys: string[];
  /** Required keys found nowhere. */
  missingKeys: string[];
  /** Optional keys found nowhere. */
  skippedKeys: string[];
  /** Each variable wanted → the reference it is read from. */
  references: Record<string, string>;
  /** True when the keyring could not be read and `env` is the starting environment as is. */
  degraded: boolean;
  warnings: string[];
}

/**
 * Resolves the project's keys (and `options.keys`) from the keyring in one batch into an
 * environment, without printing and without starting anything. Missing keys are reported,
 * not thrown; an untrusted project file throws an {@link AimError} with code UNTRUSTED.
 */
export function resolveEnv(options: EnvOptions = {}): Promise<ResolvedEnv> {
  return quietly(() => resolve(options));
}

async function resolve(options: EnvOptions): Promise<ResolvedEnv> {
  const ready = await prepareEnv(options.cwd ?? process.cwd(), {
    flags: {
      keys: options.keys && parseKeysFlag(options.keys),
      only: options.only?.map(assertKeyName),
      noConfig: options.noConfig,
      profile: checkProfileOption(options.profile, "profile"),
    },
    base: options.env,
    degrade: true,
    enforce: false,
  });
  const { resolved } = ready;
  return {
    env: resolved.env,
    injectedKeys: resolved.injected,
    inheritedKeys: resolved.inherited,
    missingKeys: resolved.missing,
    skippedKeys: resolved.skipped,
    references: { ...resolved.refs },
    degraded: ready.degraded,
    warnings: ready.warnings,
  };
}
