// Types for schema-digest.js, which scripts/gen-validators.mjs writes from src/schemas/.
export const SCHEMA_DIGEST: string;
