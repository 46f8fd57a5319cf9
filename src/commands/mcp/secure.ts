import { resolve } from "node:path";
import { checkProfileOption, parseKeyList, profileFlag, safeText } from "../../core/names.js";
import { clientOf, type McpConfigFile, mcpConfigFiles } from "../../mcp/clients.js";
import { readChecked } from "../../mcp/inspect.js";
import { aimPaths } from "../../mcp/paths.js";
import { clashes, type FilePlan, moveText, planFile } from "../../mcp/plan.js";
import type { McpFile } from "../../mcp/read.js";
import { applyPlans, checkStore, collectValues } from "../../mcp/secure.js";
import { storeReachableFromGui } from "../../mcp/gui-store.js";
import { AimError } from "../../errors.js";
import { openContext } from "../../store/context.js";
import { log } from "../../runtime/log.js";
import type { Input } from "../../cli/spec.js";
import type { secureOptions } from "../mcp.spec.js";

/** The files to secure: another user's are passed over with a note; duplicates and hard links stop the run. */
async function readAll(files: McpConfigFile[]): Promise<McpFile[]> {
  const out: McpFile[] = [];
  for (const f of files) {
    const file = await readChecked(f);
    if ("ignored" in file) {
      log.warn(`ignoring ${safeText(f.path)}: ${file.ignored}; aim neither stores its keys nor rewrites it`);
      continue;
    }
    if (file.duplicates.length > 0) {
      throw new AimError("CONFIG_INVALID", `${safeText(f.path)}: ${file.duplicates.join("; ")}`, {
        hint: `${file.spec.client} uses only one of them: remove the other from the file, then run aim mcp secure again`,
      });
    }
    out.push(file);
  }
  return out;
}

export async function run({ values, positionals }: Input<typeof secureOptions>): Promise<number> {
  // "default" names the default profile: plain names, as without --profile.
  const profile = profileFlag(checkProfileOption(values.profile));
  const keep = new Set(values.keep === undefined ? [] : parseKeyList(values.keep));
  const found =
    positionals.length > 0
      ? positionals.map((p) => ({ client: clientOf(resolve(p)), path: resolve(p), scope: "user" as const }))
      : mcpConfigFiles(process.cwd());
  if (found.length === 0) {
    log.info("no MCP client config found here; name one: aim mcp secure FILE");
    return 0;
  }
  const files = await readAll(found);
  const opts = { keep, paths: aimPaths(), profile };
  const clash = clashes(files, opts);
  const plans: FilePlan[] = [];
  for (const f of files) plans.push(await planFile(f, opts, clash));
  for (const p of plans) {
    for (const problem of p.file.problems) log.warn(`${safeText(p.file.path)}: ${problem}`);
    for (const m of p.manual)
      log.warn(
        `${safeText(p.file.path)}: server ${m.label}: ${m.name} (${m.field}) stays: ${p.file.spec.client} has no way to name a key there; see aim mcp list`,
      );
  }
  const changing = plans.filter((p) => p.changes.length > 0);
  if (changing.length === 0) {
    const unsure = plans.some((p) => p.file.problems.length > 0 || p.manual.length > 0);
    log.info(
      unsure
        ? "nothing aim can secure by itself; what it could not read or move is named above"
        : `nothing to secure: no literal key in ${files.map((f) => safeText(f.path)).join(", ")}`,
    );
    return 0;
  }
  for (const p of changing) {
    if (p.file.links > 1) {
      throw new AimError(
        "CONFIG_INVALID",
        `${safeText(p.file.path)} has ${p.file.links} hard links: replacing it, the other name would keep the key`,
        {
          hint: `find the other name (find / -xdev -samefile ${safeText(p.file.path)}), remove it or secure that copy instead, then run again`,
        },
      );
    }
  }
  const moved = collectValues(changing);
  if (values["dry-run"]) {
    for (const p of changing) {
      process.stdout.write(`${safeText(p.file.path)} (${p.file.client})\n`);
      for (const c of p.changes) {
        process.stdout.write(`  server ${c.label}: move ${moveText(c)}${c.kept.length > 0 ? `; keep ${c.kept.join(", ")}` : ""}\n`);
        process.stdout.write(`    - ${c.before}\n    + ${c.after}\n`);
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
    for (const c of p.changes) {
      const wrapped = c.moves.some((m) => m.literal.field === "env" || m.literal.field === "args");
      log.info(`${safeText(p.file.path)}: server ${c.label}: moved ${moveText(c)}${wrapped ? "; it now starts with aim exec" : ""}`);
    }
  }
  log.info(`restart ${[...new Set(changing.map((p) => p.file.client))].join(", ")} to start the servers this way`);
  const gui = storeReachableFromGui();
  if (gui) log.warn(gui);
  return 0;
}
