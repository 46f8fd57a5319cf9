// Types for data-validators.js, which scripts/gen-validators.mjs writes from src/schemas/data/.
import type { Validator } from "./validators.js";
export const validate_trust: Validator;
export const validate_secrets: Validator;
export const validate_teamApproved: Validator;
