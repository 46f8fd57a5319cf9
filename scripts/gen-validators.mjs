// Compiles the JSON Schemas in src/schemas/ to standalone validator code at build time, so
// that aim never compiles a schema (or loads ajv) at run time.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

const dir = new URL("../src/schemas/", import.meta.url);
const schemas = readdirSync(dir)
  .filter((f) => f.endsWith(".schema.json"))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true, esm: true } });
for (const schema of schemas) ajv.addSchema(schema);
const exportsMap = Object.fromEntries(schemas.map((s) => [`validate_${s.$id}`, s.$id]));
mkdirSync(new URL("../src/generated/", import.meta.url), { recursive: true });
writeFileSync(new URL("../src/generated/validators.js", import.meta.url), standaloneCode(ajv, exportsMap));

// A digest of the schemas, kept beside a trust record's parsed config: a record made under
// other schemas is not reused (src/project/trust.ts).
const digest = createHash("sha256").update(JSON.stringify(schemas)).digest("hex").slice(0, 16);
writeFileSync(new URL("../src/generated/schema-digest.js", import.meta.url), `export const SCHEMA_DIGEST = ${JSON.stringify(digest)};\n`);
