import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BACKEND_SETTINGS, type BackendSetting, type SettingSource } from "../core/backend-choice.js";
import { AimError } from "../errors.js";
import { configDir } from "../runtime/paths.js";

// Only the `backend` field of the global config is read here, on purpose: full validation
// of config.json (a JSON Schema) lives with the global config code, which owns the file.
export const globalConfigPath = (env: NodeJS.ProcessEnv = process.env): string => join(configDir(env), "config.json");

function check(value: unknown, where: string): BackendSetting {
  if (typeof value === "string" && (BACKEND_SETTINGS as readonly string[]).includes(value)) return value as BackendSetting;
  throw new AimError("CONFIG_INVALID", `${where} is ${JSON.stringify(value)}, not one of ${BACKEND_SETTINGS.join(", ")}`, {
    hint: `set it to "auto" (the keyring when there is one, else the encrypted file vault)`,
  });
}

// Read plainly (no lock library): this runs on every command that opens a store.
function readConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new AimError("CONFIG_INVALID", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  try {
    const doc: unknown = JSON.parse(text);
    if (doc && typeof doc === "object" && !Array.isArray(doc)) return doc as Record<string, unknown>;
  } catch {}
  throw new AimError("CONFIG_INVALID", `${path} is not a JSON object`, {
    hint: `fix it, or move it aside: mv '${path}' '${path}.bad'`,
  });
}

/** AIM_BACKEND wins over `"backend"` in config.json; neither means auto. */
export function readBackendSetting(env: NodeJS.ProcessEnv = process.env): { setting: BackendSetting; source: SettingSource } {
  if (env.AIM_BACKEND) return { setting: check(env.AIM_BACKEND, "AIM_BACKEND"), source: "AIM_BACKEND" };
  const path = globalConfigPath(env);
  const doc = readConfig(path);
  if (doc.backend !== undefined) {
    return { setting: check(doc.backend, `"backend" in ${path}`), source: "config" };
  }
  return { setting: "auto", source: "default" };
}

/** Records the backend in config.json, keeping every other field as it is. */
export async function writeBackendSetting(setting: BackendSetting, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = globalConfigPath(env);
  const { updateJson } = await import("../runtime/jsonfile.js");
  await updateJson<Record<string, unknown>>(path, {}, (doc) => ({ ...doc, backend: setting }));
  return path;
}
