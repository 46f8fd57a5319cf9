import { join } from "node:path";
import { toolSandbox } from "./fixture-tools.js";

/** aim's own settings (config, data, store): what an in-process library call reads from process.env. */
export const AIM_SETTINGS = [
  "AIM_DATA_DIR",
  "AIM_CONFIG_DIR",
  "AIM_KEYRING_SERVICE",
  "AIM_BACKEND",
  "AIM_VAULT_PASSPHRASE",
  "AIM_VAULT_WORK_FACTOR",
] as const;

/** Points this process's aim settings at `env`'s (unset where `env` has none). */
export function adoptAimSettings(env: NodeJS.ProcessEnv): void {
  for (const k of AIM_SETTINGS) {
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
}

/**
 * A sandbox for in-process API calls: aim's own settings (config, data, store) are
 * read from process.env, so they are pointed at the sandbox; the tool's environment and the
 * working folder are passed as options.
 */
export function apiSandbox(extra: NodeJS.ProcessEnv = {}) {
  const s = toolSandbox(extra);
  adoptAimSettings(s.env);
  const cwd = join(s.dir, "work");
  return { ...s, cwd, opts: { env: s.env, cwd } };
}
