import { basename, extname } from "node:path";
import type { Found, KeyEntry } from "../core/config.js";
import { sha256Hex } from "../core/digest.js";
import { mayHoldAimField } from "./discover.js";
import { checkKeyLists } from "./config-check.js";
import { validateOrThrow } from "../core/validate.js";
import { AimError } from "../errors.js";
import { shownPath } from "../runtime/shown-path.js";
import { readCapped } from "./read-capped.js";
import type { Validator } from "../generated/validators.js";

export { validate_aimrc, validate_config } from "../generated/validators.js";

// Loaded only once a candidate file exists: a folder with no project file never pays for
// the parsers or the validators.

function parseFailure(err: unknown, fallbackFile: string): AimError {
  const text = (err as Error).message ?? String(err);
  const m = text.match(/^(JSON|YAML) Error in (.*):\n([\s\S]*)$/);
  const file = m?.[2] ?? fallbackFile;
  const reason = (m?.[3] ?? text).split("\n")[0]?.trim();
  return new AimError("CONFIG_INVALID", `${shownPath(file)}: not valid ${m?.[1] ?? "YAML or JSON"}: ${reason}`, {
    hint: "fix the syntax; an .aimrc looks like: keys: [OPENAI_API_KEY]",
    cause: err,
  });
}

/**
 * Parses one data file with cosmiconfig's own loaders (YAML for `.aimrc`, JSON, YAML). aim
 * does not call the cosmiconfig() factory: that searches the working directory for a meta
 * config (.config/config.js…) with loaders that import code, which would run a project's
 * code before any trust check, and it costs start-up time for nothing.
 */
async function parseDataFile(filepath: string, text: string): Promise<unknown> {
  const ext = extname(filepath);
  if (ext === ".json") {
    // cosmiconfig's JSON loader is JSON.parse with a better error message: load it (and its
    // code-frame printer) only for a file that has an error to show.
    try {
      return JSON.parse(text) as unknown;
    } catch {}
  }
  // A CommonJS module: Node (and aim's build) gives its exports as `default`, tsx as names.
  const mod = (await import("cosmiconfig")) as typeof import("cosmiconfig") & { default?: typeof import("cosmiconfig") };
  const { defaultLoaders } = mod.default?.defaultLoaders ? mod.default : mod;
  const loader =
    ext === ".json" ? defaultLoaders[".json"] : ext === ".yaml" || ext === ".yml" ? defaultLoaders[".yaml"] : defaultLoaders.noExt;
  return loader(filepath, text);
}

/** What the file says, as cosmiconfig would give it; null when it does not count (search on). */
async function read(filepath: string): Promise<{ config: unknown; sha256: string } | null> {
  let bytes: Buffer;
  try {
    bytes = readCapped(filepath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    if (["ENOENT", "EISDIR", "ENOTDIR"].includes(code)) return null;
    // An .aimrc that cannot be read still governs its folder: taking it for no file would
    // run commands without its keys, and the hook would drop them, with no word why.
    if (code === "EACCES" || code === "EPERM") {
      throw new AimError(
        "CONFIG_INVALID",
        `${shownPath(filepath)} cannot be read (permission denied), so aim cannot tell which keys it asks for`,
        {
          hint: `make it readable: chmod u+r ${shownPath(filepath)} (or remove it)`,
          cause: err,
        },
      );
    }
    throw err;
  }
  const text = bytes.toString("utf8");
  // Trust is judged on these bytes: the ones the keys are parsed from.
  const sha256 = sha256Hex(bytes);
  const pkg = basename(filepath) === "package.json";
  if (pkg && !mayHoldAimField(text)) return null;
  if (text.trim() === "") return pkg ? null : { config: undefined, sha256 };
  let config: unknown;
  try {
    config = await parseDataFile(filepath, text);
  } catch (err) {
    throw parseFailure(err, filepath);
  }
  if (!pkg) return { config, sha256 };
  const field = (config as Record<string, unknown> | null)?.aim;
  return field === undefined || field === null ? null : { config: field, sha256 };
}

/** The file's content, validated against `schema`; null for a package.json with no "aim" field. */
export async function loadConfigFile<T>(filepath: string, schema: Validator, kind: "global" | "project"): Promise<Found<T> | null> {
  const found = await read(filepath);
  if (!found) return null;
  const shown = shownPath(filepath);
  if (found.config === undefined || found.config === null) {
    throw new AimError("CONFIG_INVALID", `${shown}: the file is empty`, {
      hint: "list the keys the project needs, e.g. keys: [OPENAI_API_KEY], or delete the file",
    });
  }
  // The hint depends on the kind of file (global config, package.json, .aimrc).
  const fix =
    kind === "global"
      ? "the global config's fields are described in docs/config.md"
      : basename(filepath) === "package.json"
        ? 'the "aim" field takes profile, keys and optional'
        : "an .aimrc takes profile, keys and optional; a list entry is NAME or one VARIABLE: REFERENCE";
  const config = validateOrThrow<T>(schema, found.config, shown, fix) as T & { keys?: KeyEntry[]; optional?: KeyEntry[] };
  // References and duplicates, which the schema cannot check: named by file and field too.
  const problems = checkKeyLists(config);
  if (problems.length > 0) {
    throw new AimError("CONFIG_INVALID", `${shown}: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, { hint: fix });
  }
  // A plain name listed twice is one key: every message and record lists it once.
  for (const list of ["keys", "optional"] as const) {
    const entries = config[list];
    if (Array.isArray(entries)) config[list] = entries.filter((e, i) => typeof e !== "string" || entries.indexOf(e) === i);
  }
  return { filepath, config, sha256: found.sha256 };
}
