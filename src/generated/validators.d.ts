// Types for validators.js, which scripts/gen-validators.mjs writes from src/schemas/.
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** Set by propertyNames checks: the key that failed. */
  propertyName?: string;
}
export interface Validator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}
export const validate_aimrc: Validator;
export const validate_config: Validator;
