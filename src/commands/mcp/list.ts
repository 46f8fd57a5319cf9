import { clientNames } from "../../mcp/clients.js";
import { type FileReport, inspectMcp, serverLabel } from "../../mcp/inspect.js";
import { aimPaths } from "../../mcp/paths.js";
import { safeText } from "../../core/names.js";
import { log } from "../../runtime/log.js";
import type { Input } from "../../cli/spec.js";
import type { listOptions } from "../mcp.spec.js";

function render(files: FileReport[]): string {
  const lines: string[] = [];
  for (const f of files) {
    lines.push(`${safeText(f.path)} (${f.client}, ${f.scope})`);
    for (const p of f.problems) lines.push(`  ! ${p}`);
    if (f.servers.length === 0 && f.problems.length === 0) lines.push("  no servers");
    const width = Math.max(0, ...f.servers.map((s) => serverLabel(s).length));
    for (const s of f.servers) {
      const state = [
        s.secrets.length > 0 ? `LITERAL KEYS: ${s.secrets.map((k) => `${safeText(k.name)} (${k.field})`).join(", ")}` : "",
        s.wrapped
          ? `wrapped by aim exec${s.wrapped.length > 0 ? ` --keys ${safeText(s.wrapped.join(","))}` : ""}${s.wrappedProfile ? ` --profile ${safeText(s.wrappedProfile)}` : ""}`
          : "",
      ].filter(Boolean);
      // A file with problems is never called clean: its servers say "none found" only when it was read whole.
      const none = f.problems.length > 0 ? "no literal keys in the fields aim could read" : "no literal keys";
      lines.push(`  ${serverLabel(s).padEnd(width)}  ${state.join("; ") || none}`);
      for (const k of s.secrets) lines.push(`    ${safeText(k.name)}: ${k.action}`);
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

export async function run({ values }: Input<typeof listOptions>): Promise<number> {
  const files = await inspectMcp(process.cwd(), aimPaths().aim);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(files, null, 2)}\n`);
    return 0;
  }
  if (files.length === 0) {
    log.info(`no MCP client config found here (${clientNames()})`);
    return 0;
  }
  process.stdout.write(render(files));
  const exposed = files.filter((f) => f.servers.some((s) => s.secrets.some((k) => k.fix !== "manual")));
  if (exposed.length > 0)
    log.warn(`literal keys in ${exposed.length} file${exposed.length > 1 ? "s" : ""}: move them into the store with: aim mcp secure`);
  return 0;
}
