import { type FileReport, inspectMcp, serverLabel } from "../../mcp/inspect.js";
import { aimPaths } from "../../mcp/paths.js";
import { log } from "../../runtime/log.js";
import type { Input } from "../../cli/spec.js";
import type { listOptions } from "../mcp.spec.js";

function render(files: FileReport[]): string {
  const lines: string[] = [];
  for (const f of files) {
    lines.push(`${f.path} (${f.client}, ${f.scope})`);
    for (const p of f.problems) lines.push(`  ! ${p}`);
    if (f.servers.length === 0 && f.problems.length === 0) lines.push("  no servers");
    const width = Math.max(0, ...f.servers.map((s) => serverLabel(s).length));
    for (const s of f.servers) {
      const state = [
        s.literalKeys.length > 0 ? `LITERAL KEYS: ${s.literalKeys.join(", ")}${s.remote ? " (remote: move it by hand)" : ""}` : "",
        s.wrapped
          ? `wrapped by aim exec${s.wrapped.length > 0 ? ` --keys ${s.wrapped.join(",")}` : ""}${s.wrappedProfile ? ` --profile ${s.wrappedProfile}` : ""}`
          : "",
      ].filter(Boolean);
      lines.push(`  ${serverLabel(s).padEnd(width)}  ${state.join("; ") || "no literal keys"}`);
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

export async function run({ values }: Input<typeof listOptions>): Promise<number> {
  const files = inspectMcp(process.cwd(), aimPaths().aim);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(files, null, 2)}\n`);
    return 0;
  }
  if (files.length === 0) {
    log.info("no MCP client config found here (Claude Desktop, Claude Code, Cursor, VS Code, Gemini CLI)");
    return 0;
  }
  process.stdout.write(render(files));
  const exposed = files.filter((f) => f.servers.some((s) => s.literalKeys.length > 0 && !s.remote));
  if (exposed.length > 0)
    log.warn(`literal keys in ${exposed.length} file${exposed.length > 1 ? "s" : ""}: move them into the store with: aim mcp secure`);
  return 0;
}
