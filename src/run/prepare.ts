import type { Found, GlobalFile, PlanFlags } from "../core/config.js";
import { keyLabel, sourceKey, type Tool } from "../core/registry.js";
import { AimError } from "../errors.js";
import { assertTrusted, loadProject, type Project } from "../project/project.js";
import { missingKeysError, type Resolved, resolveKeys } from "./resolve.js";

/**
 * The steps every launch shares (aim exec, aim run, the API): the project and its trust, the
 * keys fetched in one batch, the checks that decide whether the child may start. Prints nothing.
 */
export interface Prepared {
  project: Project;
  resolved: Resolved;
  /** The values the child receives for the planned keys (from the store or inherited): what masking hides. */
  secrets: string[];
  /** A tool's keys found neither in the store nor in the environment. */
  missingToolKeys: string[];
  /** True when the store could not be read and the inherited environment had to do. */
  degraded: boolean;
  /** Sentences for the user (no values): the store was unreachable, a tool's keys are missing. */
  warnings: string[];
}

export interface PrepareOptions {
  flags?: PlanFlags;
  /** The tool being started: its keys are added as optional keys, needing no trust. */
  tool?: Tool;
  /** The global config, when the caller has already read it. */
  global?: Found<GlobalFile> | null;
  /** The environment the child inherits. Default: process.env. */
  base?: NodeJS.ProcessEnv;
  /** Run on the inherited environment whenever the store is unreachable (the API's graceful degradation). */
  degrade?: boolean;
  /** False: report missing keys instead of throwing (the API's resolveEnv). Default true. */
  enforce?: boolean;
}

function noSufficientKey(tool: Tool): AimError {
  const names = tool.anyOf.map((k) => keyLabel(tool, k)).join(", ");
  return new AimError("MISSING_KEYS", `${tool.name} needs ${tool.anyOf.length > 1 ? "one of " : ""}${names}: neither the keyring nor the environment holds ${tool.anyOf.length > 1 ? "any" : "it"}`, {
    hint: `add one with: aim secrets set ${sourceKey(tool, tool.anyOf[0] as string)}`,
  });
}

export async function prepareEnv(cwd: string, opts: PrepareOptions = {}): Promise<Prepared> {
  const { tool } = opts;
  const flags: PlanFlags = tool ? { ...opts.flags, optional: [...tool.keys], sources: { ...tool.from } } : (opts.flags ?? {});
  const project = await loadProject(cwd, flags, opts.global);
  assertTrusted(project);
  const resolved = await resolveKeys(project.plan, opts.base);
  const given = new Set([...resolved.injected, ...resolved.inherited]);
  const missingToolKeys = tool ? tool.keys.filter((k) => !given.has(k)) : [];
  const noneSufficient = tool !== undefined && tool.anyOf.length > 0 && !tool.anyOf.some((k) => given.has(k));
  const degraded = resolved.storeError !== undefined;
  // An unreachable store is fatal only when the environment cannot stand in for it (CI), or never with `degrade`.
  if ((opts.enforce ?? true) && !(degraded && opts.degrade)) {
    if (degraded && (resolved.missing.length > 0 || noneSufficient)) throw resolved.storeError as AimError;
    if (resolved.missing.length > 0) {
      const file = project.file;
      const source = file && resolved.missing.some((k) => file.config.keys?.includes(k)) ? file.filepath : "--keys";
      throw missingKeysError(resolved.missing, source);
    }
    if (noneSufficient) throw noSufficientKey(tool);
  }
  const warnings: string[] = [];
  if (resolved.storeError) warnings.push(`${resolved.storeError.message}; running with the inherited environment`);
  if (tool && missingToolKeys.length > 0 && !degraded) {
    warnings.push(`${tool.name}: not in the keyring or the environment: ${missingToolKeys.map((k) => keyLabel(tool, k)).join(", ")}`);
  }
  const secrets = [...given].map((k) => resolved.env[k]).filter((v): v is string => typeof v === "string" && v !== "");
  return { project, resolved, secrets, missingToolKeys, degraded, warnings };
}
