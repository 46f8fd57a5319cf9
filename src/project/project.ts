import { dirname } from "node:path";
import type { Found, GlobalFile, KeyPlan, PlanFlags, ProjectFile } from "../core/config.js";
import { planKeys } from "../core/config.js";
import { isProfileName } from "../core/names.js";
import { AimError } from "../errors.js";
import { openContext, type StoreContext } from "../store/context.js";
import { findProjectConfig, loadGlobalConfig } from "./config.js";
import type { Fingerprint, TrustState } from "./trust.js";

export interface Project {
  global: Found<GlobalFile> | null;
  file: Found<ProjectFile> | null;
  fingerprint: Fingerprint | null;
  trust: TrustState | null;
  plan: KeyPlan;
  /** Sentences for the user: project files passed over (another user's, or writable by others). */
  notes: string[];
}

/**
 * Everything that decides which keys a command in `cwd` gets: no values yet. A caller that
 * has already read the global config passes it, so that it is read once.
 */
export async function loadProject(cwd: string, flags: PlanFlags = {}, known?: Found<GlobalFile> | null): Promise<Project> {
  const envProfile = flags.envProfile ?? readEnvProfile();
  const notes: string[] = [];
  const [global, file] = await Promise.all([
    known === undefined ? loadGlobalConfig() : known,
    flags.noConfig ? null : findProjectConfig(cwd, { notes }),
  ]);
  // Hashing (node:crypto) and the trust records matter only once there is a file to trust;
  // a file found in the records (allowed, these bytes) was judged as it was read.
  const trust = file && !file.allowed ? await import("./trust.js") : null;
  const fp = file?.allowed ?? (file && trust ? trust.fingerprint(file.filepath, file.config, file.sha256) : null);
  return {
    global,
    file,
    fingerprint: fp,
    trust: file?.allowed ? "allowed" : fp && trust ? trust.trustState(fp) : null,
    plan: planKeys(global?.config, file?.config, { ...flags, envProfile }),
    notes,
  };
}

/** AIM_PROFILE, checked: a bad one is a config error, never a silent default. */
function readEnvProfile(): string | undefined {
  const value = process.env.AIM_PROFILE;
  if (value === undefined || value === "" || isProfileName(value)) return value || undefined;
  throw new AimError("CONFIG_INVALID", `AIM_PROFILE is ${JSON.stringify(value)}, which is not a profile name`, {
    hint: "a profile is letters, digits, '.', '_' and '-' (at most 64, no '/'): export AIM_PROFILE=work, or unset it",
  });
}

/** The sentence and fix for a project file that may not hand out keys. */
export function untrustedError(file: string, state: TrustState): AimError {
  switch (state) {
    case "denied":
      return new AimError("UNTRUSTED", `${file} is denied`, { hint: "to trust it after all, run: aim allow" });
    case "changed":
      return new AimError("UNTRUSTED", `${file} changed since it was allowed`);
    default:
      return new AimError("UNTRUSTED", `${file} is not allowed`);
  }
}

export function assertTrusted(project: Project): void {
  if (project.file && project.trust !== "allowed") {
    throw untrustedError(project.fingerprint?.path ?? project.file.filepath, project.trust ?? "unknown");
  }
}

/**
 * The command's one store context for this project: team files beside the governing file
 * (with none: in `cwd` itself), and the global config already read, so it is not read again.
 */
export const projectContext = (project: Project, cwd: string, env: NodeJS.ProcessEnv = process.env): StoreContext =>
  openContext({ env, projectDir: project.file ? dirname(project.file.filepath) : cwd, global: project.global });
