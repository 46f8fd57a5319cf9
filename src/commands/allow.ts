import { existsSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { planKeys, type ProjectFile } from "../core/config.js";
import { bindingLabel } from "../core/reference.js";
import { AimError, usageError } from "../errors.js";
import { walkStart } from "../project/byte-paths.js";
import { findProjectConfig } from "../project/config.js";
import { SEARCH_PLACES } from "../project/search-places.js";
import { touchReload } from "../runtime/hook-files.js";
import { log } from "../runtime/log.js";
import { forbidPrompts } from "../runtime/prompt-policy.js";
import { allow, deny, fingerprint } from "../project/trust.js";
import type { Input } from "../cli/spec.js";

async function governing(path: string, verb: "allow" | "deny") {
  let abs = resolve(path);
  // A folder whose name is not UTF-8 reaches aim as a name of no folder: walkStart finds its
  // real bytes, and refuses if a project file sits there.
  if (!existsSync(abs) && abs.includes("\uFFFD")) abs = walkStart(abs, SEARCH_PLACES);
  if (!existsSync(abs)) throw usageError(`${path} does not exist`);
  const from = statSync(abs).isDirectory() ? abs : dirname(abs);
  const found = await findProjectConfig(from, { refuseForeign: verb });
  if (!found) {
    throw new AimError("NOT_FOUND", `no .aimrc at or above ${from}`, { hint: "create one, e.g.: echo 'keys: [OPENAI_API_KEY]' > .aimrc" });
  }
  if (!statSync(abs).isDirectory() && resolve(found.filepath) !== abs && basename(abs) !== "package.json") {
    throw usageError(`${path} is not the project file here; ${found.filepath} governs`, `run: aim allow ${found.filepath}`);
  }
  return found;
}

export const runFor =
  (verb: "allow" | "deny") =>
  async ({ positionals }: Input): Promise<number> => {
    const found = await governing(positionals[0] ?? ".", verb);
    const fp = fingerprint(found.filepath, found.config, found.sha256);
    if (verb === "deny") {
      await deny(fp);
      touchReload();
      log.info(`denied ${fp.path}`);
      return 0;
    }
    await allow(fp, found.config);
    touchReload();
    log.info(`allowed ${fp.path}${await describeKeys(found.config, dirname(found.filepath))}`);
    return 0;
  };

/**
 * ` (keys: A present, B <- work/B missing; optional: C present)`: what the file hands out,
 * from where, and whether it is there now. Names only; a store that cannot be read says "?".
 */
async function describeKeys(config: ProjectFile, dir: string): Promise<string> {
  const plan = planKeys(undefined, config, { envProfile: process.env.AIM_PROFILE });
  if (plan.required.length + plan.optional.length === 0) return "";
  const [{ resolveKeys }, { openContext }] = await Promise.all([import("../run/resolve.js"), import("../store/context.js")]);
  // Trust is recorded already, and needs no value: never ask for the vault's passphrase here.
  forbidPrompts();
  const r = await resolveKeys(plan, openContext({ projectDir: dir }));
  const state = (k: string) =>
    r.injected.includes(k) ? "present" : r.inherited.includes(k) ? "in the environment" : r.storeError ? "?" : "missing";
  const line = (ks: string[]) => ks.map((k) => `${bindingLabel(k, plan.refs[k] ?? k)} ${state(k)}`).join(", ");
  const parts = [
    plan.required.length ? `keys: ${line(plan.required)}` : "",
    plan.optional.length ? `optional: ${line(plan.optional)}` : "",
  ];
  const unknown = !r.storeError
    ? ""
    : r.storeError.code === "VAULT_LOCKED"
      ? "the vault is locked, so which of them it holds is not known: aim vault unlock, then aim status"
      : `which of them the store holds is not known: ${r.storeError.message}`;
  return ` (${[...parts, unknown].filter(Boolean).join("; ")})`;
}

export const run = runFor("allow");
