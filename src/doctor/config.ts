import { check } from "../core/doctor.js";
import { AimError } from "../errors.js";
import { loadGlobalConfig } from "../project/config.js";
import { loadRegistry } from "../project/tools.js";
import type { DoctorCheck } from "./context.js";

/**
 * The global config, checked as aim exec and aim run read it: the schema, then the tool
 * registry laid over the built-in one. An entry that still works but is written for an older
 * registry is a warning that says how to write it now.
 */
export const configChecks: DoctorCheck = async () => {
  const title = "global config";
  try {
    const global = await loadGlobalConfig();
    if (!global) return [check("global-config", title, "ok", "none (aim works without one)")];
    const { notes } = await loadRegistry(global);
    if (notes.length > 0) return [check("global-config", title, "warn", notes.join("; "))];
    return [check("global-config", title, "ok", global.filepath)];
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    return [check("global-config", title, "fail", err.message, err.hint)];
  }
};
