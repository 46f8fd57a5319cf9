import { existsSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { AimError, usageError } from "../errors.js";
import { walkStart } from "../project/byte-paths.js";
import { findProjectConfig } from "../project/config.js";
import { SEARCH_PLACES } from "../project/search-places.js";
import { touchReload } from "../runtime/hook-files.js";
import { log } from "../runtime/log.js";
import { allow, deny, fingerprint } from "../project/trust.js";
import { parseCommand } from "./args.js";

const helpFor = (verb: "allow" | "deny") =>
  verb === "allow"
    ? `Usage: aim allow [PATH]

Trust the .aimrc that governs PATH (default: the working directory) with its current
content. aim hands keys to a project only after this; editing the file revokes the trust
until you run aim allow again. Read the file first: it decides which keys its folder gets.

Options:
  -h, --help      show this help
`
    : `Usage: aim deny [PATH]

Revoke trust in the .aimrc that governs PATH (default: the working directory). aim hands
it nothing until aim allow.

Options:
  -h, --help      show this help
`;

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

export const runFor = (verb: "allow" | "deny") => async (args: string[]): Promise<number> => {
  const parsed = parseCommand(args, {}, helpFor(verb));
  if (!parsed) return 0;
  if (parsed.positionals.length > 1) throw usageError("expected at most one PATH", `usage: aim ${verb} [PATH]`);
  const found = await governing(parsed.positionals[0] ?? ".", verb);
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
  return 0;
};

export const run = runFor("allow");
