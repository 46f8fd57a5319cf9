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
  /** Named argument templates, e.g. code_generation → --message {message} {files...}. */
  capabilities: Readonly<Record<string, readonly TemplateArg[]>>;
}

export type BuiltinToolName = "aider" | "claude" | "codex" | "gemini" | "gh" | "llm" | "opencode" | "goose" | "cursor-agent";

const entry = (command: string, description: string, keys: string[], capabilities: ToolSpec["capabilities"]): ToolSpec => ({
  command,
  description,
  keys,
  anyOf: keys,
  from: {},
  capabilities,
});

const PROMPT_AFTER = (...flags: string[]) => ({ prompt: [...flags, "{prompt}"] });

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
  claude: entry("claude", "Claude Code", ["ANTHROPIC_API_KEY"], {
    ...PROMPT_AFTER("-p"),
    code_generation: ["-p", "{message}", ["--model", "{model}"]],
  }),
  codex: entry("codex", "OpenAI Codex CLI", ["OPENAI_API_KEY"], {
    ...PROMPT_AFTER("exec"),
    code_generation: ["exec", "--sandbox", "workspace-write", "{message}"],
  }),
  gemini: entry("gemini", "Gemini CLI", ["GEMINI_API_KEY", "GOOGLE_API_KEY"], {
    ...PROMPT_AFTER("-p"),
    code_generation: ["-p", "{message}", ["--model", "{model}"]],
  }),
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
  goose: entry("goose", "goose, Block's AI agent", ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GOOGLE_API_KEY", "OPENROUTER_API_KEY", "GROQ_API_KEY"], {
    ...PROMPT_AFTER("run", "-t"),
  }),
  "cursor-agent": entry("cursor-agent", "Cursor Agent CLI", ["CURSOR_API_KEY"], {
    ...PROMPT_AFTER("-p"),
  }),
};
