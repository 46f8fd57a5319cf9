import { resolve } from "node:path";
import { checkProfileOption, parseKeyList, profileFlag } from "../../core/names.js";
import { clientOf, mcpConfigFiles } from "../../mcp/clients.js";
import { describeChange, type FilePlan, moveText, planFile } from "../../mcp/plan.js";
import { readMcpFile } from "../../mcp/read.js";
import { applyPlans, checkStore, collectValues } from "../../mcp/secure.js";
import { openContext } from "../../store/context.js";
import { aimPaths } from "../../mcp/paths.js";
import { log } from "../../runtime/log.js";
import type { Input } from "../../cli/spec.js";
import type { secureOptions } from "../mcp.spec.js";

export async function run({ values, positionals }: Input<typeof secureOptions>): Promise<number> {
  // "default" names the default profile: plain names, as without --profile.
  const profile = profileFlag(checkProfileOption(values.profile));
  const keep = new Set(values.keep === undefined ? [] : parseKeyList(values.keep));
  const files =
    positionals.length > 0
      ? positionals.map((p) => ({ client: clientOf(resolve(p)), path: resolve(p), scope: "user" as const }))
      : mcpConfigFiles(process.cwd());
  if (files.length === 0) {
    log.info("no MCP client config found here; name one: aim mcp secure FILE");
    return 0;
  }
  const plans: FilePlan[] = files.map((f) => planFile(readMcpFile(f), { keep, paths: aimPaths(), profile }));
  for (const p of plans)
    for (const r of p.remote) log.warn(`${p.file.path}: server ${r} is remote (url): aim cannot wrap it; move its key by hand`);
  const changing = plans.filter((p) => p.changes.length > 0);
  if (changing.length === 0) {
    log.info(`nothing to secure: no literal key in ${files.map((f) => f.path).join(", ")}`);
    return 0;
  }
  const moved = collectValues(changing, profile);
  if (values["dry-run"]) {
    for (const p of changing) {
      process.stdout.write(`${p.file.path} (${p.file.client})\n`);
      for (const c of p.changes) {
        process.stdout.write(
          `  server ${c.label}: move ${moveText(c, profile)}${c.kept.length > 0 ? `; keep ${c.kept.join(", ")}` : ""}\n`,
        );
        for (const line of describeChange(c)) process.stdout.write(`    ${line}\n`);
      }
    }
    log.info("dry run: nothing changed");
    return 0;
  }
  // One store for the check and the write: what its first call learned holds for both.
  const store = await openContext().store();
  await checkStore(store, moved, values.force ?? false);
  await applyPlans(store, changing, moved);
  for (const p of changing) {
    for (const c of p.changes) log.info(`${p.file.path}: server ${c.label}: moved ${moveText(c, profile)}; it now starts with aim exec`);
  }
  log.info(`restart ${[...new Set(changing.map((p) => p.file.client))].join(", ")} to start the servers this way`);
  return 0;
}
