import { basename } from "node:path";
import { splitScheme } from "../core/reference.js";
import type { Finding } from "./scan.js";

/**
 * Where each well-known key is rotated. The tool registry (core/registry.ts) names the
 * variables tools read but no pages, so the pages live here, by variable name.
 */
const ROTATE: Readonly<Record<string, string>> = {
  OPENAI_API_KEY: "https://platform.openai.com/api-keys",
  CODEX_API_KEY: "https://platform.openai.com/api-keys",
  ANTHROPIC_API_KEY: "https://console.anthropic.com/settings/keys",
  GEMINI_API_KEY: "https://aistudio.google.com/apikey",
  GOOGLE_API_KEY: "https://aistudio.google.com/apikey",
  GITHUB_TOKEN: "https://github.com/settings/tokens",
  GH_TOKEN: "https://github.com/settings/tokens",
  GROQ_API_KEY: "https://console.groq.com/keys",
  MISTRAL_API_KEY: "https://console.mistral.ai/api-keys",
  OPENROUTER_API_KEY: "https://openrouter.ai/settings/keys",
  HF_TOKEN: "https://huggingface.co/settings/tokens",
  STRIPE_SECRET_KEY: "https://dashboard.stripe.com/apikeys",
};

const DOTENV = /^\.env(\..+)?$/;
const MCP = /(^|\/)(\.mcp\.json|mcp\.json|claude_desktop_config\.json|settings\.json|\.claude\.json)$/;
const sh = (p: string) => (/^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`);

/**
 * The next step for each kind of finding, as sentences for stderr. aim changes nothing here:
 * only shell histories are fixed (--fix); another program's transcripts are never rewritten.
 */
export function nextSteps(findings: readonly Finding[], fixed: boolean): string[] {
  const out: string[] = [];
  const keys = [
    ...new Set(
      // A provider's value is found by its reference (SCHEME:PATH); a store key by its name in its profile.
      findings.map((f) => (f.profile === "default" || splitScheme(f.key) ? f.key : `${f.profile}/${f.key}`)),
    ),
  ];
  const page = (k: string) => ROTATE[k.replace(/^.*[/:]/, "")];
  const pages = keys.filter(page).map((k) => `${k}: ${page(k)}`);
  out.push(
    `a value that was written down may have been read: rotate ${keys.length > 1 ? "these keys" : "this key"} and store the new value${
      pages.length > 0 ? ` (${pages.join(", ")})` : ""
    }, e.g. aim secrets set ${keys[0] === undefined || splitScheme(keys[0]) ? "NAME" : keys[0]}`,
  );
  const files = (place: Finding["place"][]) => [
    ...new Set(findings.filter((f) => place.includes(f.place) && f.file).map((f) => f.file as string)),
  ];
  const local = findings.filter((f) => (f.place === "tree" || f.place === "path") && f.file);
  const dotenv = [...new Set(local.filter((f) => DOTENV.test(basename(f.file as string))).map((f) => f.path))];
  if (dotenv.length > 0)
    out.push(`move a .env's keys into the store, then delete the file: ${dotenv.map((p) => `aim secrets import ${sh(p)}`).join("; ")}`);
  const mcp = files(["agents", "tree", "path"]).filter((f) => MCP.test(f.replace(/\\/g, "/")) && !/\/\.claude\/projects\//.test(f));
  if (mcp.length > 0) out.push(`MCP configs: move their keys into the store with aim mcp secure ${mcp.map(sh).join(" ")}`);
  if (findings.some((f) => f.place === "staged"))
    out.push("staged: remove the value from the file, then git add it again (or git restore --staged FILE)");
  if (findings.some((f) => f.place === "history")) {
    out.push(
      "git history: rotating the key is the fix that counts; to purge the old blobs as well, rewrite history (git filter-repo --replace-text FILE, https://github.com/newren/git-filter-repo) and force-push, then ask every clone to re-clone",
    );
  }
  const transcripts = findings.filter((f) => f.place === "agents" && !mcp.includes(f.file as string));
  if (transcripts.length > 0)
    out.push(
      "agents' transcripts are another program's files: aim does not rewrite them; delete a session file yourself if you no longer need it",
    );
  if (!fixed && findings.some((f) => f.place === "shell-history"))
    out.push("shell histories: aim scan --shell-history --fix removes those entries");
  return out;
}
