import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { check, type CheckResult } from "../core/doctor.js";
import { looksLikeKey } from "../mcp/servers.js";
import { safeText } from "../core/names.js";
import { inspectMcp, serverLabel } from "../mcp/inspect.js";
import { aimPaths } from "../mcp/paths.js";
import type { DoctorCheck } from "./context.js";

const quote = (p: string) => `'${p.replace(/'/g, "'\\''")}'`;

/** Literal keys in MCP client configs, by file, server and name; files aim could not read are named, never called clean. */
export const mcpChecks: DoctorCheck = async ({ env }) => {
  const files = await inspectMcp(process.cwd(), aimPaths().aim, env);
  const found: CheckResult[] = [];
  for (const f of files) {
    const path = safeText(f.path);
    if (f.problems.length > 0) {
      found.push(
        check("mcp-unread", "MCP config", "warn", `${path} (${f.client}): ${f.problems.join("; ")}`, `check the file in ${f.client}`),
      );
    }
    const exposed = f.servers.filter((s) => s.secrets.length > 0);
    if (exposed.length === 0) continue;
    const detail = `${path} (${f.client}): ${exposed.map((s) => `server ${serverLabel(s)} holds ${s.secrets.map((k) => `${safeText(k.name)} (${k.field})`).join(", ")} in plain text`).join("; ")}`;
    const securable = exposed.some((s) => s.secrets.some((k) => k.fix !== "manual"));
    found.push(
      check(
        "mcp-keys",
        "MCP config",
        "warn",
        detail,
        securable ? `aim mcp secure ${quote(f.path)}` : `move the keys out by hand: aim mcp list names the fix for ${f.client}`,
      ),
    );
  }
  if (found.length > 0) return found;
  return [
    check(
      "mcp-keys",
      "MCP config",
      "ok",
      files.length > 0 ? `no literal keys in ${files.map((f) => safeText(f.path)).join(", ")}` : "no MCP client config here",
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
