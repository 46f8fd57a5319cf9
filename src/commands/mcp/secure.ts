import { resolve } from "node:path";
import { assertKeyName } from "../../core/names.js";
import { usageError } from "../../errors.js";
import { clientOf, mcpConfigFiles } from "../../mcp/clients.js";
import { describeChange, type FilePlan, planFile } from "../../mcp/plan.js";
import { readMcpFile } from "../../mcp/read.js";
import { applyPlans, checkStore, collectValues } from "../../mcp/secure.js";
import { log } from "../../runtime/log.js";
import { parseCommand } from "../args.js";
import { aimPaths } from "../../mcp/paths.js";

export const help = `Usage: aim mcp secure [FILE...] [options]

Move the literal keys in MCP client configs into the store, each under its variable's name,
and make each server start as <node> <aim> exec --keys K1,K2 -- <its command and args>. Every
other field, the file's formatting and its comments stay; the file is replaced atomically with
its mode kept, and no backup or temporary copy holds a value. A second run changes nothing.
Without FILE, every config aim mcp list finds.

Options:
  --dry-run          print what would change, values masked, and change nothing
  --keep NAME        leave NAME's value in the file (repeatable)
  --force            replace a stored key that holds a different value
  --profile P        store the keys under profile P (needs profiles; not in this build yet)
  -h, --help         show this help
`;

const OPTIONS = {
  "dry-run": { type: "boolean" },
  keep: { type: "string", multiple: true },
  force: { type: "boolean" },
  profile: { type: "string" },
} as const;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, OPTIONS, help);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (values.profile !== undefined) {
    // aim exec has no --profile yet: a server rewritten with one would not start.
    throw usageError("--profile needs profiles (aim exec --profile), which this build of aim does not have yet", "run aim mcp secure without --profile");
  }
  const keep = new Set((values.keep ?? []).map(assertKeyName));
  const files = positionals.length > 0 ? positionals.map((p) => ({ client: clientOf(resolve(p)), path: resolve(p), scope: "user" as const })) : mcpConfigFiles(process.cwd());
  if (files.length === 0) {
    log.info("no MCP client config found here; name one: aim mcp secure FILE");
    return 0;
  }
  const plans: FilePlan[] = files.map((f) => planFile(readMcpFile(f), { keep, paths: aimPaths() }));
  for (const p of plans) for (const r of p.remote) log.warn(`${p.file.path}: server ${r} is remote (url): aim cannot wrap it; move its key by hand`);
  const changing = plans.filter((p) => p.changes.length > 0);
  if (changing.length === 0) {
    log.info(`nothing to secure: no literal key in ${files.map((f) => f.path).join(", ")}`);
    return 0;
  }
  const moved = collectValues(changing);
  if (values["dry-run"]) {
    for (const p of changing) {
      process.stdout.write(`${p.file.path} (${p.file.client})\n`);
      for (const c of p.changes) {
        process.stdout.write(`  server ${c.label}: move ${c.moved.map(([k]) => k).join(", ")} into the store${c.kept.length > 0 ? `; keep ${c.kept.join(", ")}` : ""}\n`);
        for (const line of describeChange(c)) process.stdout.write(`    ${line}\n`);
      }
    }
    log.info("dry run: nothing changed");
    return 0;
  }
  await checkStore(moved, values.force ?? false);
  await applyPlans(changing, moved);
  for (const p of changing) {
    for (const c of p.changes) log.info(`${p.file.path}: server ${c.label}: moved ${c.moved.map(([k]) => k).join(", ")} into the store; it now starts with aim exec`);
  }
  log.info(`restart ${[...new Set(changing.map((p) => p.file.client))].join(", ")} to start the servers this way`);
  return 0;
}
