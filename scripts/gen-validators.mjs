// Compiles the JSON Schemas in src/schemas/ to standalone validator code at build time, so
// that aim never compiles a schema (or loads ajv) at run time. The schemas of aim's own data
// files (src/schemas/data/) go to a module of their own: trust.json is read on aim exec's
// hot path, which should not load the config validators.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

const load = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

function compile(schemas, out, allErrors = true) {
  const ajv = new Ajv({ allErrors, strict: true, allowUnionTypes: true, code: { source: true, esm: true } });
  for (const schema of schemas) ajv.addSchema(schema);
  const exportsMap = Object.fromEntries(schemas.map((s) => [`validate_${s.$id}`, s.$id]));
  writeFileSync(new URL(`../src/generated/${out}`, import.meta.url), standaloneCode(ajv, exportsMap));
}

const schemas = load(new URL("../src/schemas/", import.meta.url));
mkdirSync(new URL("../src/generated/", import.meta.url), { recursive: true });
compile(schemas, "validators.js");
// One error is enough for a data file (the fix is to rebuild it), and the code is smaller.
compile(load(new URL("../src/schemas/data/", import.meta.url)), "data-validators.js", false);

// A digest of the config schemas, kept beside a trust record's parsed config: a record made
// under other schemas is not reused (src/project/trust.ts). The data schemas do not count.
const digest = createHash("sha256").update(JSON.stringify(schemas)).digest("hex").slice(0, 16);
writeFileSync(new URL("../src/generated/schema-digest.js", import.meta.url), `export const SCHEMA_DIGEST = ${JSON.stringify(digest)};\n`);
