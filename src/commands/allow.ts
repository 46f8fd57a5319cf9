import { existsSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { AimError, usageError } from "../errors.js";
import { findProjectConfig } from "../project/config.js";
import { touchReload } from "../runtime/hook-files.js";
import { log } from "../runtime/log.js";
import { allow, deny, fingerprint, writableByOthers } from "../project/trust.js";
import type { Input } from "./spec.js";

async function governing(path: string) {
  const abs = resolve(path);
  if (!existsSync(abs)) throw usageError(`${path} does not exist`);
  const from = statSync(abs).isDirectory() ? abs : dirname(abs);
  const found = await findProjectConfig(from);
  if (!found) {
    throw new AimError("NOT_FOUND", `no .aimrc at or above ${from}`, { hint: "create one, e.g.: echo 'keys: [OPENAI_API_KEY]' > .aimrc" });
  }
  if (!statSync(abs).isDirectory() && resolve(found.filepath) !== abs && basename(abs) !== "package.json") {
    throw usageError(`${path} is not the project file here; ${found.filepath} governs`, `run: aim allow ${found.filepath}`);
  }
  return found;
}

export const runFor = (verb: "allow" | "deny") => async ({ positionals }: Input): Promise<number> => {
  const found = await governing(positionals[0] ?? ".");
  const fp = fingerprint(found.filepath, found.config, found.sha256);
  if (verb === "deny") {
    await deny(fp);
    touchReload();
    log.info(`denied ${fp.path}`);
    return 0;
  }
  await allow(fp, found.config);
  touchReload();
  const { keys = [], optional = [] } = found.config;
  const listed = [keys.length ? `keys: ${keys.join(", ")}` : "", optional.length ? `optional: ${optional.join(", ")}` : ""];
  log.info(`allowed ${fp.path}${listed.some(Boolean) ? ` (${listed.filter(Boolean).join("; ")})` : ""}`);
  if (writableByOthers(found.filepath)) {
    log.warn(`${fp.path} is writable by other users, who could change which keys this folder gets: chmod go-w ${fp.path}`);
  }
  return 0;
};

export const run = runFor("allow");
