import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type { BackendSetting } from "../core/backend-choice.js";
import { AimError } from "../errors.js";
import { globalConfigPath, parseYaml } from "./backend-config.js";

/**
 * Prepares recording `backend` in the one global config, keeping every other field (and, in
 * YAML, every comment) as it is: returns the path and a function that writes it. Prepared
 * before anything moves, so that a config aim cannot edit stops `migrate` while nothing has
 * changed. YAML is edited as text (one top-level `backend:` line replaced or added), then
 * parsed again: the result must be the old document plus that one field, or aim refuses.
 */
export async function prepareBackendWrite(
  setting: BackendSetting,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ path: string; write: () => Promise<void> }> {
  const path = globalConfigPath(env);
  const { updateJson, withLock, writeAtomic } = await import("../runtime/jsonfile.js");
  if (path.endsWith(".json")) {
    return { path, write: async () => void (await updateJson<Record<string, unknown>>(path, {}, (doc) => ({ ...doc, backend: setting }))) };
  }
  const text = readFileSync(path, "utf8");
  const line = `backend: ${setting}`;
  const edited = /^backend[ \t]*:.*$/m.test(text)
    ? text.replace(/^backend[ \t]*:.*$/m, line)
    : `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`;
  const before = (text.trim() === "" ? {} : parseYaml(path, text)) as Record<string, unknown>;
  let after: unknown;
  try {
    after = parseYaml(path, edited);
  } catch {}
  if (!isDeepStrictEqual(after, { ...before, backend: setting })) {
    throw new AimError(
      "CONFIG_INVALID",
      `aim cannot add "backend: ${setting}" to ${path} without changing what else it says; nothing was moved`,
      {
        hint: `add the line "backend: ${setting}" at the top level of ${path} by hand, then run aim secrets migrate again`,
      },
    );
  }
  return { path, write: () => withLock(path, () => writeAtomic(path, edited)) };
}
