import { entryBinding, type Found, type GlobalFile, type KeyEntry, type KeyPlan, type PlanFlags } from "../core/config.js";
import { bindingLabel, fixFor, parseReference } from "../core/reference.js";
import type { Tool } from "../core/registry.js";
import { AimError } from "../errors.js";
import { loadProject, type Project, projectContext, untrustedError } from "../project/project.js";
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

function noSufficientKey(tool: Tool, plan: KeyPlan): AimError {
  const { refs } = plan;
  const or = (k: string) => (plan.fallbacks?.[k]?.length ? ` (or ${plan.fallbacks[k]?.join(" or ")})` : "");
  const label = (k: string) => `${bindingLabel(k, refs[k] ?? k)}${or(k)}`;
  const names = tool.anyOf.map(label).join(", ");
  return new AimError(
    "MISSING_KEYS",
    `${tool.name} needs ${tool.anyOf.length > 1 ? "one of " : ""}${names}: neither the keyring nor the environment holds ${tool.anyOf.length > 1 ? "any" : "it"}`,
    {
      hint: `add one with: ${fixFor(parseReference(refs[tool.anyOf[0] as string] ?? (tool.anyOf[0] as string)))}`,
    },
  );
}

/** Of `group`, the first variable present stays; the others leave the child's environment, inherited ones too. */
function keepOnlyOne(resolved: Resolved, group: readonly string[]): void {
  const given = (k: string) => resolved.injected.includes(k) || resolved.inherited.includes(k);
  const kept = group.find(given);
  if (kept === undefined) return;
  for (const k of group) {
    if (k === kept) continue;
    delete resolved.env[k];
    resolved.injected = resolved.injected.filter((x) => x !== k);
    resolved.inherited = resolved.inherited.filter((x) => x !== k);
  }
}

const LEFT_OUT = "so only the keys named with --keys are handed over";
const SILENCE = "or pass --no-config to leave it out without this note";

/**
 * The project, trusted. Keys named with --keys need no trust: below a project file that may
 * not hand out keys (never allowed, changed, denied, broken), they are handed over alone,
 * the file's profile and keys left out, and a note says so. Without --keys such a file stops aim.
 */
async function projectFor(cwd: string, flags: PlanFlags, global: Found<GlobalFile> | null | undefined): Promise<Project> {
  const adHoc = !flags.noConfig && (flags.keys?.length ?? 0) > 0;
  const without = async (note: string, known?: Found<GlobalFile> | null) => {
    const bare = await loadProject(cwd, { ...flags, noConfig: true }, known ?? global);
    bare.notes.push(note);
    return bare;
  };
  let project: Project;
  try {
    project = await loadProject(cwd, flags, global);
  } catch (err) {
    // Only the project file's own error: one that remains without it (the global config, AIM_PROFILE) is thrown by `without`.
    if (!adHoc || !(err instanceof AimError) || (err.code !== "CONFIG_INVALID" && err.code !== "IO")) throw err;
    return without(`${err.message}; ${LEFT_OUT.replace("so ", "")}; fix it to add its keys, ${SILENCE}`);
  }
  if (!project.file || project.trust === "allowed") return project;
  const error = untrustedError(project.fingerprint?.path ?? project.file.filepath, project.trust ?? "unknown");
  if (!adHoc) {
    throw new AimError("UNTRUSTED", error.message, {
      hint: `${error.hint ?? "review it, then run: aim allow"}; or run without it: aim exec --no-config --keys NAME -- COMMAND`,
    });
  }
  return without(`${error.message}, ${LEFT_OUT}; run aim allow to add its keys, ${SILENCE}`, project.global);
}

export async function prepareEnv(cwd: string, opts: PrepareOptions = {}): Promise<Prepared> {
  const { tool } = opts;
  const flags: PlanFlags = tool
    ? { ...opts.flags, optional: [...tool.keys], sources: { ...tool.from }, fallbacks: { ...tool.fallback } }
    : (opts.flags ?? {});
  const project = await projectFor(cwd, flags, opts.global);
  // The team file sits beside the governing .aimrc; with none (--no-config, --keys team:X), in the folder itself.
  const resolved = await resolveKeys(project.plan, projectContext(project, cwd), opts.base);
  if (tool) keepOnlyOne(resolved, tool.exclusive);
  const given = new Set([...resolved.injected, ...resolved.inherited]);
  const missingToolKeys = tool ? tool.keys.filter((k) => !given.has(k)) : [];
  const noneSufficient = tool !== undefined && tool.anyOf.length > 0 && !tool.anyOf.some((k) => given.has(k));
  const degraded = resolved.storeError !== undefined;
  // An unreachable store is fatal only when the environment cannot stand in for it (CI), or never with `degrade`.
  if ((opts.enforce ?? true) && !(degraded && opts.degrade)) {
    if (degraded && (resolved.missing.length > 0 || noneSufficient)) throw resolved.storeError as AimError;
    const [refused] = resolved.refused;
    if (refused) throw refused.error;
    if (resolved.unreachable) throw resolved.unreachable;
    if (resolved.missing.length > 0) {
      // The nearest that asks for a key is blamed: the project file, the global config, else --keys.
      const { file, global } = project;
      const lists = (keys: readonly KeyEntry[] | undefined, k: string) => keys?.some((e) => entryBinding(e)[0] === k) ?? false;
      const blame = (k: string) =>
        file && lists(file.config.keys, k) ? file.filepath : global && lists(global.config.keys, k) ? global.filepath : "--keys";
      throw missingKeysError(resolved.missing, resolved.refs, blame);
    }
    if (noneSufficient) throw noSufficientKey(tool, project.plan);
  }
  const warnings: string[] = [...project.notes];
  if (resolved.storeError) warnings.push(`${resolved.storeError.message}; running with the inherited environment`);
  // Alternatives are not worth a word while one of them is there: only keys the tool needs besides.
  const worthSaying = noneSufficient
    ? missingToolKeys
    : missingToolKeys.filter((k) => !tool?.anyOf.includes(k) && !tool?.exclusive.includes(k));
  if (tool && worthSaying.length > 0 && !degraded) {
    warnings.push(
      `${tool.name}: not in the keyring or the environment: ${worthSaying.map((k) => bindingLabel(k, resolved.refs[k] ?? k)).join(", ")}`,
    );
  }
  const secrets = [...given].map((k) => resolved.env[k]).filter((v): v is string => typeof v === "string" && v !== "");
  return { project, resolved, secrets, missingToolKeys, degraded, warnings };
}
