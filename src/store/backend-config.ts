import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { BACKEND_SETTINGS, type BackendSetting, type SettingSource } from "../core/backend-choice.js";
import { AimError } from "../errors.js";
import { configDir } from "../runtime/paths.js";

// Only the `backend` field of the global config is read here, on purpose: full validation
// (a JSON Schema) lives with the global config code in project/, which owns the file.

export const GLOBAL_CONFIG_NAMES = ["config.json", "config.yaml", "config.yml"] as const;

/**
 * The one global config file in $AIM_CONFIG_DIR, or null when there is none. Two of them
 * is an error naming both: aim would otherwise read one and write another, and the
 * user's keys and tools in the one it does not read would silently stop counting.
 */
export function globalConfigFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = configDir(env);
  const present = GLOBAL_CONFIG_NAMES.map((f) => join(dir, f)).filter((f) => existsSync(f));
  if (present.length > 1) {
    throw new AimError(
      "CONFIG_INVALID",
      `${dir} holds ${present.map((f) => basename(f)).join(" and ")}: aim reads exactly one global config`,
      {
        hint: `merge them into one and remove the other${present.length > 2 ? "s" : ""}`,
      },
    );
  }
  return present[0] ?? null;
}

/** Where `migrate` records the backend when there is no config yet. */
export const globalConfigPath = (env: NodeJS.ProcessEnv = process.env): string =>
  globalConfigFile(env) ?? join(configDir(env), "config.json");

const isYaml = (path: string) => !path.endsWith(".json");

function check(value: unknown, where: string): BackendSetting {
  if (typeof value === "string" && (BACKEND_SETTINGS as readonly string[]).includes(value)) return value as BackendSetting;
  throw new AimError("CONFIG_INVALID", `${where} is ${JSON.stringify(value)}, not one of ${BACKEND_SETTINGS.join(", ")}`, {
    hint: `set it to "auto" (the keyring when there is one, else the encrypted file vault)`,
  });
}

/**
 * cosmiconfig's YAML loader (js-yaml), the one the global config code parses with, loaded
 * only when the config is YAML. Synchronous: choosing a backend is, on every command.
 */
export const parseYaml = (path: string, text: string): unknown => {
  const { defaultLoaders } = createRequire(import.meta.url)("cosmiconfig") as typeof import("cosmiconfig");
  return defaultLoaders[".yaml"](path, text);
};

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
    const doc: unknown = isYaml(path) ? (text.trim() === "" ? {} : parseYaml(path, text)) : JSON.parse(text);
    if (doc && typeof doc === "object" && !Array.isArray(doc)) return doc as Record<string, unknown>;
  } catch {}
  throw new AimError("CONFIG_INVALID", `${path} is not a ${isYaml(path) ? "YAML mapping" : "JSON object"}`, {
    hint: `fix it, or move it aside: mv '${path}' '${path}.bad'`,
  });
}

/** The global config as a command already read it (null: there is none), so that it is read once. */
export interface KnownGlobal {
  filepath: string;
  config: { backend?: unknown };
}

/**
 * AIM_BACKEND wins over `backend` in the global config; neither means auto. `known` is the
 * global config the command has read already (null when there is none): then the file is
 * not read again.
 */
export function readBackendSetting(
  env: NodeJS.ProcessEnv = process.env,
  known?: KnownGlobal | null,
): { setting: BackendSetting; source: SettingSource } {
  if (env.AIM_BACKEND) return { setting: check(env.AIM_BACKEND, "AIM_BACKEND"), source: "AIM_BACKEND" };
  const path = known === undefined ? globalConfigFile(env) : (known?.filepath ?? null);
  const doc: Record<string, unknown> = known === undefined ? (path ? readConfig(path) : {}) : (known?.config ?? {});
  if (doc.backend !== undefined) {
    return { setting: check(doc.backend, `"backend" in ${path}`), source: "config" };
  }
  return { setting: "auto", source: "default" };
}
