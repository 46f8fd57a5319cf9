import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { check, type CheckResult } from "../core/doctor.js";
import { looksLikeKey } from "../mcp/servers.js";
import { inspectMcp, serverLabel } from "../mcp/inspect.js";
import { aimPaths } from "../mcp/paths.js";
import type { DoctorCheck } from "./context.js";

const quote = (p: string) => `'${p.replace(/'/g, "'\\''")}'`;

/** Literal keys in MCP client configs, by file, server and name: any other server can read them. */
export const mcpChecks: DoctorCheck = async ({ env }) => {
  const files = inspectMcp(process.cwd(), aimPaths().aim, env);
  const found: CheckResult[] = [];
  for (const f of files) {
    const exposed = f.servers.filter((s) => s.literalKeys.length > 0);
    if (exposed.length === 0) continue;
    const detail = `${f.path} (${f.client}): ${exposed.map((s) => `server ${serverLabel(s)} holds ${s.literalKeys.join(", ")} in plain text`).join("; ")}`;
    const local = exposed.some((s) => !s.remote);
    found.push(
      check(
        "mcp-keys",
        "MCP config",
        "warn",
        detail,
        local ? `aim mcp secure ${quote(f.path)}` : "move the remote server's key out of the file by hand (aim cannot wrap a URL)",
      ),
    );
  }
  if (found.length > 0) return found;
  return [
    check(
      "mcp-keys",
      "MCP config",
      "ok",
      files.length > 0 ? `no literal keys in ${files.map((f) => f.path).join(", ")}` : "no MCP client config here",
    ),
  ];
};

// Examples and templates hold placeholders by design.
const DOTENV = /^\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?$/;

/** .env files in the working directory that hold keys: agents (Gemini CLI, aider, the Claude SDK) load them by themselves. */
export const dotenvChecks: DoctorCheck = async () => {
  const cwd = process.cwd();
  let names: string[];
  try {
    names = readdirSync(cwd)
      .filter((n) => DOTENV.test(n))
      .sort();
  } catch {
    return [];
  }
  const found: CheckResult[] = [];
  for (const name of names) {
    let keys: string[];
    try {
      keys = Object.entries(parse(readFileSync(join(cwd, name))))
        .filter(([k, v]) => looksLikeKey(k, v))
        .map(([k]) => k);
    } catch {
      continue; // a folder or an unreadable file: nothing an agent could load either
    }
    if (keys.length === 0) continue;
    const path = join(cwd, name);
    found.push(
      check(
        "dotenv-keys",
        ".env file",
        "warn",
        `${path} holds ${keys.join(", ")} in plain text, and AI agents load .env files by themselves`,
        `aim secrets import ${quote(path)} && rm ${quote(path)}`,
      ),
    );
  }
  return found;
};
