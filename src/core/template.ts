import { AimError } from "../errors.js";
import type { TemplateArg } from "./tools.js";

/** What a caller passes to a capability: named fields filling the template's holes. */
export type Payload = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

const HOLE = /\{([A-Za-z_][A-Za-z0-9_]*)(\.\.\.)?\}/g;
const SPREAD = /^\{([A-Za-z_][A-Za-z0-9_]*)\.\.\.\}$/;

const bad = (message: string, hint?: string) => new AimError("TOOL", message, { hint });

/** The payload fields a template names, in order of appearance. */
export function templateFields(template: readonly TemplateArg[]): string[] {
  const names = template
    .flatMap((arg) => (typeof arg === "string" ? [arg] : arg))
    .flatMap((s) => [...s.matchAll(HOLE)].map((m) => m[1] as string));
  return [...new Set(names)];
}

function fill(arg: string, payload: Payload, where: string): string[] {
  const spread = SPREAD.exec(arg);
  if (spread) {
    const value = payload[spread[1] as string];
    if (value === undefined) return [];
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return [
    arg.replace(HOLE, (_, name: string, dots?: string) => {
      const value = payload[name];
      if (value === undefined) throw bad(`${where}: the payload lacks "${name}"`);
      if (dots || Array.isArray(value)) throw bad(`${where}: "${name}" must be a single value here, not a list`);
      return String(value);
    }),
  ];
}

/**
 * Builds a capability's argv from its template. Fields may be strings, numbers, booleans, or
 * lists for `{field...}` holes; a group is dropped when one of its fields is missing. A field
 * the template does not name is an error: a typo should not be silently ignored.
 */
export function renderTemplate(template: readonly TemplateArg[], payload: Payload, where: string): string[] {
  const known = templateFields(template);
  const unknown = Object.keys(payload).filter((k) => payload[k] !== undefined && !known.includes(k));
  if (unknown.length > 0) {
    throw bad(`${where}: unknown payload field ${unknown.map((k) => `"${k}"`).join(", ")}`, `it takes: ${known.join(", ") || "no fields"}`);
  }
  return template.flatMap((arg) => {
    if (typeof arg === "string") return fill(arg, payload, where);
    const group = arg as readonly string[];
    if (templateFields([...group]).some((name) => payload[name] === undefined)) return [];
    return group.flatMap((a) => fill(a, payload, where));
  });
}
