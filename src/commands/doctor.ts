import { renderReport } from "../core/doctor.js";
import { safeJson, safeText } from "../core/names.js";
import { runDoctor } from "../doctor/run.js";
import type { Input } from "../cli/spec.js";
import type { options } from "./doctor.spec.js";

export async function run({ values }: Input<typeof options>): Promise<number> {
  const report = await runDoctor();
  // The checks name things aim did not write (MCP server and variable names, folders, keyring
  // entries): control and bidi characters reach the terminal escaped. In JSON as \uXXXX escapes,
  // which parse to the same text.
  const text = values.json ? safeJson(`${JSON.stringify(report, null, 2)}\n`) : renderReport(report).split("\n").map(safeText).join("\n");
  process.stdout.write(text);
  return report.ok ? 0 : 1;
}
