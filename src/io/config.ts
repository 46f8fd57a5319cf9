import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { cosmiconfig } from "cosmiconfig";
import type { Found, GlobalFile, ProjectFile } from "../core/config.js";
import { validateOrThrow } from "../core/validate.js";
import { AimError, EXIT } from "../errors.js";
import { validate_aimrc, validate_config } from "../generated/validators.js";
import { configDir } from "./paths.js";
import { SEARCH_PLACES } from "./search-places.js";


/** Files a user may expect aim to read, which it ignores because they are code. */
export const CODE_CONFIGS = [".aimrc.js", ".aimrc.cjs", ".aimrc.mjs", ".aimrc.ts", "aim.config.js", "aim.config.mjs", "aim.config.cjs", "aim.config.ts"];

const refuseCode = (filepath: string): never => {
  throw new AimError("CONFIG_INVALID", `${filepath}: aim never runs code from a project`, {
    hint: "write the file as YAML or JSON (.aimrc)",
    exitCode: EXIT.aim,
  });
};

const explorer = () =>
  cosmiconfig("aim", {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: "global",
    stopDir: resolve("/"),
    ignoreEmptySearchPlaces: false,
    cache: false,
    // A project's package.json may add search places through cosmiconfig's meta config:
    // no loader may ever execute what it finds.
    loaders: { ".js": refuseCode, ".cjs": refuseCode, ".mjs": refuseCode, ".ts": refuseCode, ".mts": refuseCode, ".cts": refuseCode },
  });

export const shownPath = (file: string, cwd = process.cwd()): string => {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
};

function parseFailure(err: unknown, fallbackFile: string): AimError {
  const text = (err as Error).message ?? String(err);
  const m = text.match(/^(JSON|YAML) Error in (.*):\n([\s\S]*)$/);
  const file = m?.[2] ?? fallbackFile;
  const reason = (m?.[3] ?? text).split("\n")[0]?.trim();
  return new AimError("CONFIG_INVALID", `${shownPath(file)}: not valid ${m?.[1] ?? "YAML or JSON"}: ${reason}`, {
    hint: "fix the syntax; an .aimrc looks like: keys: [OPENAI_API_KEY]",
    exitCode: EXIT.aim,
    cause: err,
  });
}

function checked<T>(filepath: string, config: unknown, isEmpty: boolean | undefined, schema: typeof validate_aimrc): Found<T> {
  const shown = shownPath(filepath);
  if (isEmpty || config === undefined || config === null) {
    throw new AimError("CONFIG_INVALID", `${shown}: the file is empty`, {
      hint: "list the keys the project needs, e.g. keys: [OPENAI_API_KEY], or delete the file",
      exitCode: EXIT.aim,
    });
  }
  const fix =
    schema === validate_config
      ? "the global config's fields are described in the README (Config)"
      : basename(filepath) === "package.json"
        ? 'the "aim" field takes keys and optional'
        : "an .aimrc takes keys and optional";
  return { filepath, config: validateOrThrow<T>(schema, config, shown, fix) };
}

/** The nearest project file at or above `cwd`, validated; null when there is none. */
export async function findProjectConfig(cwd = process.cwd()): Promise<Found<ProjectFile> | null> {
  let result;
  try {
    result = await explorer().search(cwd);
  } catch (err) {
    if (err instanceof AimError) throw err;
    throw parseFailure(err, cwd);
  }
  // cosmiconfig's "global" strategy ends in its own global folder (~/.config/aim), where
  // aim keeps the user's config: that file is not a project file.
  if (!result || (dirname(result.filepath) === configDir() && basename(result.filepath).startsWith("config"))) return null;
  return checked<ProjectFile>(result.filepath, result.config, result.isEmpty, validate_aimrc);
}

/** The user's global config from $AIM_CONFIG_DIR, validated; null when there is none. */
export async function loadGlobalConfig(): Promise<Found<GlobalFile> | null> {
  const dir = configDir();
  const file = ["config.json", "config.yaml", "config.yml"].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return null;
  let result;
  try {
    result = await explorer().load(file);
  } catch (err) {
    throw parseFailure(err, file);
  }
  return checked<GlobalFile>(file, result?.config, result?.isEmpty, validate_config);
}

/** Code-style config files in the folders from `cwd` up to `stop`: aim ignores them, status says so. */
export function ignoredCodeConfigs(cwd: string, stop?: string): string[] {
  const found: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CODE_CONFIGS) if (existsSync(join(dir, name))) found.push(join(dir, name));
    if (dir === stop || dirname(dir) === dir) return found;
  }
}
