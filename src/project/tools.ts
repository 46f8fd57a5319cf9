import which from "which";
import type { Found, GlobalFile } from "../core/config.js";
import { parseReference, readStoreKeyName } from "../core/reference.js";
import { buildRegistry, sourceKey, sourceKeys, type Tool } from "../core/registry.js";
import { AimError } from "../errors.js";
import { openContext } from "../store/context.js";
import { resolveReferences } from "../store/resolve.js";
import { loadGlobalConfig } from "./config.js";
import { shownPath } from "../runtime/shown-path.js";

export interface Registry {
  global: Found<GlobalFile> | null;
  tools: Map<string, Tool>;
  /** Sentences for the user: entries that still work but should be written otherwise, and how. */
  notes: string[];
}

/** The built-in tools with the user's global config laid over them; a bad entry names file and field. */
export async function loadRegistry(known?: Found<GlobalFile> | null): Promise<Registry> {
  const global = known === undefined ? await loadGlobalConfig() : known;
  const { tools, problems, notes } = buildRegistry(global?.config.tools);
  if (global && problems.length > 0) {
    throw new AimError("CONFIG_INVALID", `${shownPath(global.filepath)}: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, {
      hint: "a tool entry takes command, description, keys, anyOf, from and capabilities (see aim run --help)",
    });
  }
  const at = (file: string) => (p: { field: string; message: string }) => `${shownPath(file)}: ${p.field}: ${p.message}`;
  return { global, tools, notes: global ? notes.map(at(global.filepath)) : [] };
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
  /** The reference that fills it (`OPENAI_API_KEY`, `work/OPENAI_API_KEY`, `team:NAME`). */
  from: string;
  /** Whether its source (the keyring or file vault, or a provider) holds it; null when that could not be read. */
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

/**
 * Every tool with what aim knows about it, without a single value. One call per source for
 * all; plain names are read under `profile` (default: AIM_PROFILE).
 */
export async function toolStatuses(
  registry: Registry,
  env: NodeJS.ProcessEnv = process.env,
  profile: string | undefined = process.env.AIM_PROFILE || undefined,
): Promise<{ tools: ToolStatus[]; storeError?: AimError }> {
  const all = [...registry.tools.values()];
  const p = profile === "default" ? undefined : profile;
  const wanted = new Set(all.flatMap((t) => t.keys.flatMap((k) => sourceKeys(t, k, p))));
  const { values, errors } = await resolveReferences(wanted, openContext({ global: registry.global }));
  const storeError = errors.get("store") ?? [...errors.values()][0];
  // Unknown (null) only where the reference's own source could not be read.
  const unknown = (ref: string) => errors.has(parseReference(ref).scheme);
  const tools = all.map((t): ToolStatus => {
    const keys = t.keys.map((k) => {
      const sources = sourceKeys(t, k, p);
      const stored = sources.find((s) => values.has(s));
      const fallbackNames = sources.slice(1).map(readStoreKeyName);
      // `from` is the reference that fills it now: a fallback when only that one is stored.
      return {
        name: k,
        from: stored ?? sourceKey(t, k, p),
        inStore: stored !== undefined ? true : sources.some(unknown) ? null : false,
        inEnvironment: [k, ...fallbackNames].some((v) => v !== undefined && Object.hasOwn(env, v) && env[v] !== undefined),
      };
    });
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
