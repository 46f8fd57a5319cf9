import which from "which";
import type { Found, GlobalFile } from "../core/config.js";
import { buildRegistry, sourceKey, type Tool } from "../core/registry.js";
import { AimError } from "../errors.js";
import { openStore } from "../store/backend.js";
import { loadGlobalConfig } from "./config.js";
import { shownPath } from "../runtime/shown-path.js";

export interface Registry {
  global: Found<GlobalFile> | null;
  tools: Map<string, Tool>;
}

/** The built-in tools with the user's global config laid over them; a bad entry names file and field. */
export async function loadRegistry(): Promise<Registry> {
  const global = await loadGlobalConfig();
  const { tools, problems } = buildRegistry(global?.config.tools);
  if (global && problems.length > 0) {
    throw new AimError("CONFIG_INVALID", `${shownPath(global.filepath)}: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, {
      hint: "a tool entry takes command, description, keys, anyOf, from and capabilities (see aim run --help)",
    });
  }
  return { global, tools };
}

export function findTool(registry: Registry, name: string): Tool {
  const tool = registry.tools.get(name);
  if (!tool) {
    throw new AimError("TOOL", `no tool named "${name}" in the registry`, {
      hint: `known tools: ${[...registry.tools.keys()].join(", ")}; add one under "tools" in the global config`,
    });
  }
  return tool;
}

/** Where `command` would be found on the PATH of `env`, or null. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): string | null {
  return which.sync(command, { nothrow: true, path: env.PATH ?? "", pathExt: env.PATHEXT });
}

export interface ToolKeyStatus {
  /** The variable the tool reads. */
  name: string;
  /** The store's key that fills it. */
  from: string;
  /** Whether the store (keyring or file vault) holds it; null when the store could not be read. */
  inStore: boolean | null;
  inEnvironment: boolean;
}

export interface ToolStatus {
  name: string;
  command: string;
  description: string;
  origin: Tool["origin"];
  /** Where the command is on PATH, or null when it is not installed. */
  path: string | null;
  keys: ToolKeyStatus[];
  anyOf: string[];
  /** Whether `aim run` would start it: one of anyOf is in the store or the environment. */
  ready: boolean;
  capabilities: string[];
}

/** Every tool with what aim knows about it, without a single value. One store call for all. */
export async function toolStatuses(registry: Registry, env: NodeJS.ProcessEnv = process.env): Promise<{ tools: ToolStatus[]; storeError?: AimError }> {
  const all = [...registry.tools.values()];
  const wanted = [...new Set(all.flatMap((t) => t.keys.map((k) => sourceKey(t, k))))];
  let held: Set<string> | null = null;
  let storeError: AimError | undefined;
  try {
    held = new Set((await (await openStore()).getMany(wanted)).keys());
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    storeError = err;
  }
  const tools = all.map((t): ToolStatus => {
    const keys = t.keys.map((k) => ({ name: k, from: sourceKey(t, k), inStore: held ? held.has(sourceKey(t, k)) : null, inEnvironment: env[k] !== undefined }));
    const present = (k: string) => keys.some((s) => s.name === k && (s.inStore || s.inEnvironment));
    return {
      name: t.name,
      command: t.command,
      description: t.description,
      origin: t.origin,
      path: onPath(t.command, env),
      keys,
      anyOf: [...t.anyOf],
      ready: t.anyOf.length === 0 || t.anyOf.some(present),
      capabilities: Object.keys(t.capabilities),
    };
  });
  return { tools, storeError };
}
