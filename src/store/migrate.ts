import type { BackendName } from "../core/backend-choice.js";
import { AimError, usageError } from "../errors.js";
import { openBackend, openStore } from "./backend.js";
import { prepareBackendWrite } from "./backend-write.js";
import { moveMeta } from "./metadata-records.js";
import { updateMetadata } from "./metadata.js";

export interface MigrateResult {
  from: string;
  to: string;
  moved: string[];
  /** Where the new backend was recorded, or undefined when AIM_BACKEND decides instead. */
  configPath: string | undefined;
}

/**
 * Copies every secret from the backend in use to `to`, reads each one back from `to`, and
 * only then deletes it from the source. Names were checked when the source was read (an
 * entry another program wrote under a name aim cannot use stays where it is). Store keys
 * move as they are, profiles included (`work/X` stays `work/X`), and so do their metadata
 * records, from the source's scope to the target's, noting the new store. Then records the
 * new backend in the global config (the one file there is: config.json or config.yaml) so
 * that aim uses it; that edit is prepared first, so a config aim cannot edit stops the
 * move before anything changed.
 */
export async function migrateSecrets(to: BackendName, force: boolean, env: NodeJS.ProcessEnv = process.env): Promise<MigrateResult> {
  const source = await openStore(env);
  const values = await source.all();
  if (source.backend === to) throw usageError(`the secrets are already in the ${source.location}`, "see: aim doctor");
  const record = env.AIM_BACKEND ? undefined : await prepareBackendWrite(to, env);
  const target = await openBackend(to, env);
  const names = [...values.keys()].sort();
  const before = await target.resolve(names);
  const clash = names.filter((k) => before.has(k) && before.get(k) !== values.get(k));
  if (clash.length > 0 && !force) {
    throw new AimError("USAGE", `the ${target.location} already holds other values for ${clash.join(", ")}; nothing was moved`, {
      hint: "compare them, then run again with --force to overwrite them with the current ones",
    });
  }
  for (const [k, v] of values) if (before.get(k) !== v) await target.set(k, v);
  const back = await target.resolve(names);
  const lost = names.filter((k) => back.get(k) !== values.get(k));
  if (lost.length > 0) {
    throw new AimError(
      "IO",
      `${lost.join(", ")} did not read back the same from the ${target.location}; the source still holds everything`,
      {},
    );
  }
  for (const k of names) await source.delete(k);
  // Where each key lives, so that aim can tell "missing" from "in a store out of reach".
  await updateMetadata(source.scope, (doc) => moveMeta(doc, source.scope, target.scope, names, to), env);
  await record?.write();
  return { from: source.location, to: target.location, moved: names, configPath: record?.path };
}
