import { join } from "node:path";
import { toolSandbox } from "./fixture-tools.js";

/**
 * A sandbox for in-process API calls: aim's own settings (config, data, store) are
 * read from process.env, so they are pointed at the sandbox; the tool's environment and the
 * working folder are passed as options.
 */
export function apiSandbox(extra: NodeJS.ProcessEnv = {}) {
  const s = toolSandbox(extra);
  for (const k of [
    "AIM_DATA_DIR",
    "AIM_CONFIG_DIR",
    "AIM_KEYRING_SERVICE",
    "AIM_BACKEND",
    "AIM_VAULT_PASSPHRASE",
    "AIM_VAULT_WORK_FACTOR",
  ]) {
    if (s.env[k] === undefined) delete process.env[k];
    else process.env[k] = s.env[k];
  }
  const cwd = join(s.dir, "work");
  return { ...s, cwd, opts: { env: s.env, cwd } };
}
