import { AimError, EXIT } from "../errors.js";
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

/** One sentence for one schema error, naming the field and, for names, the bad value. */
export function describeError(err: SchemaError, doc: unknown): string {
  const field = fieldPath(err.instancePath);
  switch (err.keyword) {
    case "additionalProperties":
      return `${field === "(top level)" ? "" : `${field}: `}unknown field "${String(err.params.additionalProperty)}"`;
    case "pattern":
      return `${field}: ${JSON.stringify(at(doc, err.instancePath))} is not an environment variable name`;
    case "type":
      return `${field}: must be ${err.params.type === "array" ? "a list" : `a ${String(err.params.type)}`}`;
    case "enum":
      return `${field}: must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return `${field}: ${err.message ?? err.keyword}`;
  }
}

/** Validates `doc`, throwing CONFIG_INVALID that names the file and every bad field. */
export function validateOrThrow<T>(validate: Validator, doc: unknown, file: string, hint: string): T {
  if (validate(doc)) return doc as T;
  const problems = (validate.errors ?? []).map((e) => describeError(e, doc));
  throw new AimError("CONFIG_INVALID", `${file}: ${[...new Set(problems)].join("; ")}`, { hint, exitCode: EXIT.aim });
}
