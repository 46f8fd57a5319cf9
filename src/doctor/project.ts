import { check } from "../core/doctor.js";
import { AimError } from "../errors.js";
import { loadProject } from "../project/project.js";
import type { DoctorCheck } from "./context.js";

const FIX: Record<string, string> = {
  unknown: "read the file, then run: aim allow",
  changed: "review what changed, then run: aim allow",
  denied: "aim allow, if you trust it after all",
};

/** Which .aimrc governs the working directory, and may it hand out keys? Never reads a value. */
export const projectChecks: DoctorCheck = async () => {
  let project;
  try {
    project = await loadProject(process.cwd());
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    return [check("project", "project file", "fail", err.message, err.hint)];
  }
  if (!project.file) return [check("project", "project file", "ok", "none here (aim exec --keys K works anywhere)")];
  const path = project.fingerprint?.path ?? project.file.filepath;
  if (project.trust === "allowed") return [check("project", "project file", "ok", `${path} (trusted)`)];
  // An untrusted project is not a reason aim cannot reach its secrets: warn, don't fail.
  return [
    check(
      "project",
      "project file",
      "warn",
      `${path} (${project.trust === "unknown" ? "not allowed" : project.trust})`,
      FIX[project.trust ?? "unknown"],
    ),
  ];
};
