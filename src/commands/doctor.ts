import { renderReport } from "../core/doctor.js";
import { runDoctor } from "../doctor/run.js";
import { parseCommand } from "./args.js";

export const help = `Usage: aim doctor [--json]

Find out why aim cannot reach its secrets, and how to fix it: the backend in use and why,
the D-Bus session, a real Secret Service probe, the encrypted vault and its agent, aim's
folders, which shells load aim's hook, and keys left in plain text where AI agents read them
(MCP client configs, .env files in the working directory; names only). Each problem comes with the command that fixes
it. Exits 0 when aim can reach its secrets, 1 when it cannot. Never prints a value.

Options:
  --json                 print {version, ok, backend, checks: [{id, title, status, detail, fix}]}
                         with status ok, warn, fail or skip
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { json: { type: "boolean" } }, help, { positionals: false });
  if (!parsed) return 0;
  const report = await runDoctor();
  process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  return report.ok ? 0 : 1;
}
