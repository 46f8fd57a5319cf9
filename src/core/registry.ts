import { AimError } from "../errors.js";
import { bindingLabel, formatReference, parseReference, plainReference } from "./reference.js";
import { BUILTIN_TOOLS, type TemplateArg, type ToolSpec } from "./tools.js";

/** A `tools:` entry in the user's global config: every field optional. */
export interface ToolConfig {
  command?: string;
  description?: string;
  keys?: string[];
  anyOf?: string[];
  from?: Record<string, string>;
  capabilities?: Record<string, TemplateArg[]>;
}

export interface Tool extends ToolSpec {
  name: string;
  /** Where the entry comes from: the built-in table, the user's config, or both merged. */
  origin: "builtin" | "config" | "builtin+config";
}

export interface Problem {
  field: string;
  message: string;
}

const isBuiltin = (name: string): name is keyof typeof BUILTIN_TOOLS => Object.hasOwn(BUILTIN_TOOLS, name);

/**
 * A `from` entry written for an older registry: it names a variable the built-in tool no longer
 * reads but fills another from (codex read OPENAI_API_KEY; it reads CODEX_API_KEY, filled from
 * OPENAI_API_KEY). Such an entry still means what it meant: it fills the variable read now.
 * Returns [old, now] pairs.
 */
function renamedFrom(base: ToolSpec | undefined, over: ToolConfig): Array<[string, string]> {
  if (!base || over.keys) return [];
  const pairs: Array<[string, string]> = [];
  for (const old of Object.keys(over.from ?? {})) {
    if (base.keys.includes(old)) continue;
    const now = base.keys.filter((k) => base.fallback[k]?.includes(old));
    if (now.length === 1 && !Object.hasOwn(over.from ?? {}, now[0] as string)) pairs.push([old, now[0] as string]);
  }
  return pairs;
}

/** The user's fields with `from` entries for renamed variables moved to the variable read now. */
function upgraded(base: ToolSpec | undefined, over: ToolConfig): ToolConfig {
  const renamed = renamedFrom(base, over);
  if (renamed.length === 0 || !over.from) return over;
  const from: Record<string, string> = { ...over.from };
  for (const [old, now] of renamed) {
    from[now] = from[old] as string;
    delete from[old];
  }
  return { ...over, from };
}

/** A built-in entry with the user's fields laid over it; `anyOf` follows `keys` unless given. */
function merge(name: string, base: ToolSpec | undefined, given: ToolConfig): ToolSpec {
  const over = upgraded(base, given);
  const keys = over.keys ?? base?.keys ?? [];
  return {
    command: over.command ?? base?.command ?? name,
    description: over.description ?? base?.description ?? "",
    keys,
    anyOf: over.anyOf ?? (over.keys ? keys : (base?.anyOf ?? keys)),
    from: { ...base?.from, ...over.from },
    // A `from` the user gives names the source exactly: no built-in fallback behind it.
    fallback: Object.fromEntries(Object.entries(base?.fallback ?? {}).filter(([k]) => keys.includes(k) && !over.from?.[k])),
    exclusive: (base?.exclusive ?? []).filter((k) => keys.includes(k)),
    capabilities: { ...base?.capabilities, ...over.capabilities },
  };
}

/** Checks the schema cannot express: references between fields, and where a spread may stand. */
function check(name: string, tool: ToolSpec, given: ToolConfig, base: ToolSpec | undefined): Problem[] {
  const over = upgraded(base, given);
  const at = `tools.${name}`;
  const problems: Problem[] = [];
  over.anyOf?.forEach((k, i) => {
    if (!tool.keys.includes(k))
      problems.push({ field: `${at}.anyOf[${i}]`, message: `"${k}" is not one of the tool's keys (${tool.keys.join(", ") || "none"})` });
  });
  for (const [k, ref] of Object.entries(over.from ?? {})) {
    if (!tool.keys.includes(k))
      problems.push({ field: `${at}.from.${k}`, message: `"${k}" is not one of the tool's keys (${tool.keys.join(", ") || "none"})` });
    try {
      parseReference(ref);
    } catch (err) {
      if (!(err instanceof AimError)) throw err;
      problems.push({ field: `${at}.from.${k}`, message: `${err.message}${err.hint ? ` (${err.hint})` : ""}` });
    }
  }
  for (const [cap, template] of Object.entries(over.capabilities ?? {})) {
    template.forEach((arg, i) => {
      const parts = typeof arg === "string" ? [arg] : arg;
      if (parts.some((p) => p.includes("...}") && !/^\{[A-Za-z_][A-Za-z0-9_]*\.\.\.\}$/.test(p))) {
        problems.push({ field: `${at}.capabilities.${cap}[${i}]`, message: "a {field...} spread must be a whole argument" });
      }
    });
  }
  return problems;
}

/**
 * The built-in table with the user's `tools:` entries added or laid over it, plus what is
 * wrong (`problems`) and what still works but should be written otherwise (`notes`: entries
 * for a variable the tool no longer reads, and how to write them now).
 */
export function buildRegistry(config: Readonly<Record<string, ToolConfig>> = {}): {
  tools: Map<string, Tool>;
  problems: Problem[];
  notes: Problem[];
} {
  const tools = new Map<string, Tool>();
  for (const [name, spec] of Object.entries(BUILTIN_TOOLS)) tools.set(name, { name, origin: "builtin", ...spec });
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  for (const [name, over] of Object.entries(config)) {
    const base = isBuiltin(name) ? BUILTIN_TOOLS[name] : undefined;
    const spec = merge(name, base, over);
    problems.push(...check(name, spec, over, base));
    for (const [old, now] of renamedFrom(base, over)) {
      notes.push({
        field: `tools.${name}.from.${old}`,
        message: `${name} reads ${now} now (filled from ${old}), so this entry is read as tools.${name}.from.${now}; write it so: "${now}: ${over.from?.[old]}"`,
      });
    }
    tools.set(name, { name, origin: base ? "builtin+config" : "config", ...spec });
  }
  return { tools, problems, notes };
}

/**
 * The reference that fills a tool's variable: its `from` entry (never changed by a
 * profile), else the variable's own name under `profile`.
 */
export const sourceKey = (tool: ToolSpec, variable: string, profile?: string): string => {
  // Own entries only: `constructor` is a variable name, not Object's.
  const from = Object.hasOwn(tool.from, variable) ? tool.from[variable] : undefined;
  return formatReference(from === undefined ? plainReference(variable, profile) : parseReference(from));
};

/** Every reference that may fill a tool's variable, in the order they are tried. */
export const sourceKeys = (tool: ToolSpec, variable: string, profile?: string): string[] => [
  sourceKey(tool, variable, profile),
  ...((Object.hasOwn(tool.fallback, variable) ? tool.fallback[variable] : undefined) ?? []).map((k) =>
    sourceKey({ ...tool, from: {} }, k, profile),
  ),
];

/** `OPENAI_API_KEY`, `OPENAI_API_KEY <- work/OPENAI_API_KEY`, `CODEX_API_KEY (or OPENAI_API_KEY)`: for messages. */
export const keyLabel = (tool: ToolSpec, variable: string, profile?: string): string => {
  const base = bindingLabel(variable, sourceKey(tool, variable, profile));
  const more = sourceKeys(tool, variable, profile).slice(1);
  return more.length > 0 ? `${base} (or ${more.join(" or ")})` : base;
};
