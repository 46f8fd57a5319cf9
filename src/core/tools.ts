/**
 * The built-in tool registry: data only. Each entry lists the environment variables the
 * tool itself documents for its API key, and which of them suffice on their own.
 */

/** One argument of a capability's template: a literal with `{field}` / `{field...}` holes,
 * or a group that is kept only when every field it names is in the payload. */
export type TemplateArg = string | readonly string[];

export interface ToolSpec {
  /** The program looked up on PATH. */
  command: string;
  description: string;
  /** Every key the tool reads from its environment. */
  keys: readonly string[];
  /** Any one of these is enough for the tool to work; empty: it runs without any. */
  anyOf: readonly string[];
  /** Tool env var → the reference it is filled from (`work/OPENAI_API_KEY`, `team:NAME`), when not its own name. */
  from: Readonly<Record<string, string>>;
  /** Tool env var → store keys tried in order when its own source holds nothing (Codex: CODEX_API_KEY ← OPENAI_API_KEY). */
  fallback: Readonly<Record<string, readonly string[]>>;
  /** Alternatives of which only the first present is handed over: the tool complains when it gets two. */
  exclusive: readonly string[];
  /** Named argument templates, e.g. code_generation → --message {message} {files...}. */
  capabilities: Readonly<Record<string, readonly TemplateArg[]>>;
  /** Proven to work through the broker (test/e2e/broker-clis.test.ts): aim run brokers it by default. */
  broker?: boolean;
}

export type BuiltinToolName = "aider" | "claude" | "codex" | "gemini" | "gh" | "llm" | "opencode" | "goose" | "cursor-agent";

const entry = (
  command: string,
  description: string,
  keys: string[],
  capabilities: ToolSpec["capabilities"],
  more: Partial<Pick<ToolSpec, "fallback" | "exclusive" | "broker">> = {},
): ToolSpec => ({
  command,
  description,
  keys,
  anyOf: keys,
  from: {},
  fallback: more.fallback ?? {},
  exclusive: more.exclusive ?? [],
  capabilities,
  ...(more.broker ? { broker: true } : {}),
});

const PROMPT_AFTER = (...flags: string[]) => ({ prompt: [...flags, "{prompt}"] });

// Checked against the real CLIs through aim run and a loopback API (test/e2e/agents-real.test.ts):
// `codex exec` (0.171) reads CODEX_API_KEY only, so it is filled from OPENAI_API_KEY when that is
// what the user stored; Gemini CLI (0.61) reads GEMINI_API_KEY (GOOGLE_API_KEY is Vertex's) and
// warns when both are set; codex exec refuses to run outside a git repository and gemini -p in
// an untrusted folder (exit 55) unless told, so their capabilities say so.
// Sources: each tool's own documentation of its API-key variables (aider.chat/docs/config/api-keys,
// code.claude.com/docs/env-vars, developers.openai.com/codex, geminicli.com/docs/get-started/authentication,
// cli.github.com/manual/gh_help_environment, llm.datasette.io, opencode.ai/docs/providers,
// block.github.io/goose environment variables, cursor.com/docs/cli).
export const BUILTIN_TOOLS: Readonly<Record<BuiltinToolName, ToolSpec>> = {
  aider: entry(
    "aider",
    "AI pair programming in your terminal",
    ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENROUTER_API_KEY", "DEEPSEEK_API_KEY"],
    {
      code_generation: ["--message", "{message}", "--yes-always", "{files...}"],
      ask: ["--chat-mode", "ask", "--message", "{message}", "{files...}"],
    },
  ),
  claude: entry(
    "claude",
    "Claude Code",
    ["ANTHROPIC_API_KEY"],
    {
      ...PROMPT_AFTER("-p"),
      code_generation: ["-p", "{message}", ["--model", "{model}"]],
    },
    { broker: true },
  ),
  codex: entry(
    "codex",
    "OpenAI Codex CLI",
    ["CODEX_API_KEY"],
    {
      ...PROMPT_AFTER("exec", "--skip-git-repo-check"),
      code_generation: ["exec", "--skip-git-repo-check", "--sandbox", "workspace-write", "{message}"],
    },
    { fallback: { CODEX_API_KEY: ["OPENAI_API_KEY"] }, broker: true },
  ),
  gemini: entry(
    "gemini",
    "Gemini CLI",
    ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    {
      ...PROMPT_AFTER("--skip-trust", "-p"),
      code_generation: ["--skip-trust", "-p", "{message}", ["--model", "{model}"]],
    },
    { exclusive: ["GEMINI_API_KEY", "GOOGLE_API_KEY"], broker: true },
  ),
  gh: entry("gh", "GitHub CLI", ["GH_TOKEN", "GITHUB_TOKEN"], {
    api: ["api", "{endpoint}"],
    pr_view: ["pr", "view", "{number}", "--json", "{fields}"],
  }),
  llm: entry("llm", "Simon Willison's llm", ["OPENAI_API_KEY"], {
    prompt: [["-m", "{model}"], "{prompt}"],
  }),
  opencode: entry("opencode", "opencode, the AI coding agent", ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY"], {
    ...PROMPT_AFTER("run"),
  }),
  goose: entry(
    "goose",
    "goose, Block's AI agent",
    ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GOOGLE_API_KEY", "OPENROUTER_API_KEY", "GROQ_API_KEY"],
    {
      ...PROMPT_AFTER("run", "-t"),
    },
  ),
  "cursor-agent": entry("cursor-agent", "Cursor Agent CLI", ["CURSOR_API_KEY"], {
    ...PROMPT_AFTER("-p"),
  }),
};
