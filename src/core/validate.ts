import { AimError } from "../errors.js";
import type { SchemaError, Validator } from "../generated/validators.js";

/** `/keys/2` → `keys[2]`; the root → `(top level)`. */
export function fieldPath(instancePath: string): string {
  if (instancePath === "") return "(top level)";
  return instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}

const at = (doc: unknown, instancePath: string): unknown =>
  instancePath
    .split("/")
    .slice(1)
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);

/** What each pattern in src/schemas/ means, in words. */
const PATTERNS: Record<string, string> = {
  "^[A-Za-z_][A-Za-z0-9_]*$": "is not an environment variable name",
  "^[A-Za-z0-9][A-Za-z0-9._-]*$": "is not a valid name (letters, digits, '.', '_' and '-')",
  "\\S": "must not be empty",
  "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$": "is not a profile name (letters, digits, '.', '_' and '-', at most 64; no '/')",
  "^(?:(?:[A-Za-z0-9][A-Za-z0-9_.-]{0,63}/)?[A-Za-z_][A-Za-z0-9_]*|[a-z][a-z0-9+.-]*:.+)$":
    "is not a reference (NAME, PROFILE/NAME or SCHEME:PATH, e.g. work/OPENAI_API_KEY)",
};

const typeName = (t: unknown): string => (t === "array" ? "a list" : t === "object" ? "a mapping" : `a ${String(t)}`);

/** One sentence for one schema error, naming the field and, for names, the bad value. */
export function describeError(err: SchemaError, doc: unknown): string {
  const field = fieldPath(err.instancePath);
  switch (err.keyword) {
    case "additionalProperties":
      return `${field === "(top level)" ? "" : `${field}: `}unknown field "${String(err.params.additionalProperty)}"`;
    case "pattern": {
      // A propertyNames pattern reports the mapping's path and the offending key separately.
      const value = err.propertyName ?? at(doc, err.instancePath);
      const meaning = PATTERNS[String(err.params.pattern)] ?? `must match ${String(err.params.pattern)}`;
      return `${field}: ${JSON.stringify(value)} ${meaning}`;
    }
    case "propertyNames":
      return `${field}: ${JSON.stringify(err.params.propertyName)} is not a valid key`;
    case "type":
      return `${field}: must be ${Array.isArray(err.params.type) ? err.params.type.map(typeName).join(" or ") : typeName(err.params.type)}`;
    case "maxProperties":
    case "minProperties": {
      const n = Object.keys((at(doc, err.instancePath) as object | undefined) ?? {}).length;
      return `${field}: a map with ${n === 0 ? "no entry" : `${n} entries`}; an entry is NAME or one VARIABLE: REFERENCE`;
    }
    case "enum":
      return `${field}: must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return `${field}: ${err.message ?? err.keyword}`;
  }
}

/** Validates `doc`, throwing CONFIG_INVALID that names the file and every bad field. */
export function validateOrThrow<T>(validate: Validator, doc: unknown, file: string, hint: string): T {
  if (validate(doc)) return doc as T;
  const errors = validate.errors ?? [];
  // ajv reports a bad property name twice: as the pattern that failed and as "propertyNames".
  const named = new Set(errors.filter((e) => e.propertyName !== undefined).map((e) => `${e.instancePath}\0${e.propertyName}`));
  const problems = errors
    .filter((e) => !(e.keyword === "propertyNames" && named.has(`${e.instancePath}\0${String(e.params.propertyName)}`)))
    .map((e) => describeError(e, doc));
  throw new AimError("CONFIG_INVALID", `${file}: ${[...new Set(problems)].join("; ")}`, { hint });
}
