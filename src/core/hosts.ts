/**
 * Host bindings: the hosts each key may be sent to by the broker. Data and pure matching
 * only; `.aimrc` and the global config add or override entries with `hosts:`.
 */

/** Variable → the hosts its value may go to: an exact name, or `*.` and a name for exactly one more label. */
export type HostBindings = Readonly<Record<string, readonly string[]>>;

// Each provider's documented API host. Sources: the providers' API references
// (platform.openai.com, docs.anthropic.com, ai.google.dev, docs.github.com, huggingface.co/docs,
// console.groq.com/docs, docs.mistral.ai, openrouter.ai/docs, api-docs.deepseek.com,
// docs.x.ai, docs.together.ai).
export const BUILTIN_HOSTS: HostBindings = {
  OPENAI_API_KEY: ["api.openai.com"],
  CODEX_API_KEY: ["api.openai.com"],
  ANTHROPIC_API_KEY: ["api.anthropic.com"],
  // Claude Code's bearer token (Authorization: Bearer), for the same API.
  ANTHROPIC_AUTH_TOKEN: ["api.anthropic.com"],
  GEMINI_API_KEY: ["generativelanguage.googleapis.com"],
  GOOGLE_API_KEY: ["generativelanguage.googleapis.com"],
  GITHUB_TOKEN: ["api.github.com", "github.com"],
  GH_TOKEN: ["api.github.com", "github.com"],
  HF_TOKEN: ["huggingface.co", "*.huggingface.co"],
  GROQ_API_KEY: ["api.groq.com"],
  MISTRAL_API_KEY: ["api.mistral.ai"],
  OPENROUTER_API_KEY: ["openrouter.ai"],
  DEEPSEEK_API_KEY: ["api.deepseek.com"],
  XAI_API_KEY: ["api.x.ai"],
  TOGETHER_API_KEY: ["api.together.xyz", "api.together.ai"],
};

/** The built-in table, then the global config's `hosts:`, then the project's: a later entry replaces the whole list (`[]` unbinds). */
export function mergeHosts(...layers: (HostBindings | undefined)[]): HostBindings {
  // Null prototype: names come from config files, and `toString` must be a plain name.
  const out: Record<string, readonly string[]> = Object.assign(Object.create(null), BUILTIN_HOSTS);
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) out[k] = v.map((h) => h.toLowerCase());
  return out;
}

/** A host as the broker compares it: lower case, no trailing dot, no brackets around an IPv6 address. */
export const normalHost = (host: string): string =>
  host
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\[(.*)\]$/, "$1");

/** Whether `host` matches `pattern`: equal, or `*.rest` with exactly one label before `.rest`. */
export function hostMatches(pattern: string, host: string): boolean {
  const h = normalHost(host);
  const p = pattern.toLowerCase();
  if (!p.startsWith("*.")) return p === h;
  const rest = p.slice(1); // ".rest"
  if (!h.endsWith(rest)) return false;
  const label = h.slice(0, -rest.length);
  return label.length > 0 && !label.includes(".");
}

export const boundTo = (hosts: readonly string[] | undefined, host: string): boolean => (hosts ?? []).some((p) => hostMatches(p, host));

/**
 * Key → the variable through which its tools take a base URL. A base URL the user set there
 * is where the key's requests go: the broker binds the key to its host for the session and
 * serves the URL on its own port (Gemini CLI 0.61 sends a loopback base URL past the proxy).
 */
export const BASE_URL_VARIABLES: Readonly<Record<string, string>> = {
  ANTHROPIC_API_KEY: "ANTHROPIC_BASE_URL",
  ANTHROPIC_AUTH_TOKEN: "ANTHROPIC_BASE_URL",
  OPENAI_API_KEY: "OPENAI_BASE_URL",
  CODEX_API_KEY: "OPENAI_BASE_URL",
  GEMINI_API_KEY: "GOOGLE_GEMINI_BASE_URL",
  GOOGLE_API_KEY: "GOOGLE_GEMINI_BASE_URL",
};

/** `text` as an http(s) base URL, or undefined when it is not one. */
export function baseUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const u = new URL(text);
    return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password ? u.href : undefined;
  } catch {
    return undefined;
  }
}
