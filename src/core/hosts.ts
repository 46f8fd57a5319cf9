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
  const out: Record<string, readonly string[]> = { ...BUILTIN_HOSTS };
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
