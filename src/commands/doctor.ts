import { renderReport } from "../core/doctor.js";
import { runDoctor } from "../doctor/run.js";
import type { Input } from "../cli/spec.js";
import type { options } from "./doctor.spec.js";

export async function run({ values }: Input<typeof options>): Promise<number> {
  const report = await runDoctor();
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  return report.ok ? 0 : 1;
}
