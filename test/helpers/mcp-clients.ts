import { KEY_SERVER } from "./mcp.js";

// One config per client, in the shapes of that client's own documentation and of the
// official servers' READMEs (github, brave-search, slack, postgres, supabase, context7,
// sentry, linear, notion, gitlab, firecrawl, figma, zapier), with a realistic fake key in
// every place a key hides, and placeholders that must never be reported.

export const K = {
  github: "ghp_R8x2Kq7Lm4Nz9Pw3Tv6Yb1Hc5Jd0Fs8Ga2E",
  brave: "BSAq8Zr2Lx7Kp4Mn9Vt3Wy6Hb1Jc5Df0",
  slack: "xoxb-2048-4096-AbCdEfGhIjKlMnOpQrStUv",
  pgpass: "s3cr3t-Pg-Passw0rd",
  supabase: "sbp_4f8a2c9e1b7d3f6a0c5e8b2d9f1a4c7e3b6d0f9a",
  context7: "ctx7sk-9f2e7a1c-4b8d-4e3f-a6c2-7d9b1e5f3a80",
  sentry: "sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_Qm9ndXNTZW50cnlUb2tlbg",
  linear: "lin_api_Zq8Xw2Lp7Kn4Mr9Vt3Yb6Hc1Jd5Fs0Ga",
  notion: "ntn_5829374610aBcDeFgHiJkLmNoPqRsTuVwXyZ01",
  gitlab: "glpat-xK9mP2vL7nQ4wR8tY3zB",
  firecrawl: "fc-7e2b9a4c1d8f3e6a0b5c9d2e7f1a4b8c",
  figma: "figd_Rk8Lx2Nq7Mz4Pw9Tv3Yb6Hc1Jd5Fs0Ga2E",
  zapier: "sk-ak-Qw7Er2Ty9Ui4Op1As6Df3Gh8Jk5Lz0X",
  openai: "sk-proj-Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk",
  magic: "21st-Mg7Kx2Lq9Pz4Wn8Vt3Yb6Hc1Jd5Fs0",
  clineA: "key-a-Lm4Nz9Pw3Tv6Yb1Hc5Jd0Fs8",
  clineB: "key-b-Qr7St2Uv9Wx4Yz1Ab6Cd3Ef0",
  keyed: "sk-keyed-server-7c1f9e2a4b8d6f3e",
} as const;

export interface ClientFixture {
  client: string;
  /** Where the client keeps it, under HOME ("~/") or in the project ("./"). */
  at: string;
  format: "json" | "jsonc" | "toml" | "yaml";
  text: string;
  /** server → the names list --json must report (field:name). */
  secrets: Record<string, string[]>;
  /** A comment (or other text) that must survive secure. */
  keeps: string;
  /** A stdio server that a real MCP client starts after secure, and the key it must receive. */
  started?: { server: string; variable: string; value: string };
}

const node = process.execPath;

export const FIXTURES: ClientFixture[] = [
  {
    client: "Claude Code",
    at: "./.mcp.json",
    format: "json",
    keeps: '"numStartups"',
    text: `${JSON.stringify(
      {
        numStartups: 1,
        mcpServers: {
          github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: K.github } },
          context7: { command: "npx", args: ["-y", "@upstash/context7-mcp", "--api-key", K.context7] },
          postgres: {
            command: "npx",
            args: ["-y", "@modelcontextprotocol/server-postgres", `postgresql://app:${K.pgpass}@localhost:5432/mydb`],
          },
          linear: { type: "http", url: "https://mcp.linear.app/mcp", headers: { Authorization: `Bearer ${K.linear}` } },
          keyed: { command: node, args: [KEY_SERVER, "OPENAI_API_KEY", "--api-key", K.magic], env: { OPENAI_API_KEY: K.keyed } },
          placeholders: {
            command: "npx",
            args: ["-y", "x", "--api-key", "${CONTEXT7_API_KEY}"],
            env: { GITHUB_TOKEN: "${GITHUB_TOKEN}", B: "${B:-default}" },
          },
          remoteRef: { type: "http", url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer ${LINEAR_TOKEN}" } },
        },
      },
      null,
      2,
    )}\n`,
    secrets: {
      github: ["env:GITHUB_PERSONAL_ACCESS_TOKEN"],
      context7: ["args:--api-key"],
      postgres: ["args:args[2] password"],
      linear: ["headers:Authorization"],
      keyed: ["env:OPENAI_API_KEY", "args:--api-key"],
    },
    started: { server: "keyed", variable: "OPENAI_API_KEY", value: K.keyed },
  },
  {
    client: "Cursor",
    at: "~/.cursor/mcp.json",
    format: "json",
    keeps: '"brave-search"',
    text: `{
  "mcpServers": {
    "brave-search": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-brave-search"],
      "env": { "BRAVE_API_KEY": "${K.brave}" }
    },
    "notion": { "url": "https://mcp.notion.com/mcp", "headers": { "Authorization": "Bearer ${K.notion}" } },
    "zapier": { "url": "https://actions.zapier.com/mcp/${K.zapier}/sse" },
    "ref": { "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer \${env:NOTION_TOKEN}" } }
  }
}
`,
    secrets: { "brave-search": ["env:BRAVE_API_KEY"], notion: ["headers:Authorization"], zapier: ["url:url path"] },
  },
  {
    client: "VS Code",
    at: "./.vscode/mcp.json",
    format: "jsonc",
    keeps: "// GitHub's remote server, as its README says",
    text: `{
  // GitHub's remote server, as its README says
  "servers": {
    "github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
      "headers": { "Authorization": "Bearer ${K.github}" },
    },
    "github-input": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
      "headers": { "Authorization": "Bearer \${input:github_mcp_pat}" },
    },
  },
  "inputs": [
    { "type": "promptString", "id": "github_mcp_pat", "description": "GitHub PAT", "password": true },
  ],
}
`,
    secrets: { github: ["headers:Authorization"] },
  },
  {
    client: "VS Code settings",
    at: "~/.config/Code/User/settings.json",
    format: "jsonc",
    keeps: '"editor.fontSize": 14',
    text: `{
  "editor.fontSize": 14, // mine
  "mcp": {
    "servers": {
      "supabase": {
        "command": "npx",
        "args": ["-y", "@supabase/mcp-server-supabase@latest", "--read-only", "--access-token", "${K.supabase}"]
      }
    }
  }
}
`,
    secrets: { supabase: ["args:--access-token"] },
  },
  {
    client: "Gemini CLI",
    at: "~/.gemini/settings.json",
    format: "json",
    keeps: '"theme": "GitHub"',
    text: `{
  "theme": "GitHub",
  "mcpServers": {
    "firecrawl": { "command": "npx", "args": ["-y", "firecrawl-mcp"], "env": { "FIRECRAWL_API_KEY": "${K.firecrawl}" } },
    "sentry": { "httpUrl": "https://mcp.sentry.dev/mcp", "headers": { "Authorization": "Bearer ${K.sentry}" } },
    "ref": { "command": "npx", "args": ["x"], "env": { "API_KEY": "$MY_API_KEY" } }
  }
}
`,
    secrets: { firecrawl: ["env:FIRECRAWL_API_KEY"], sentry: ["headers:Authorization"] },
  },
  {
    client: "Windsurf",
    at: "~/.codeium/windsurf/mcp_config.json",
    format: "json",
    keeps: '"slack"',
    text: `{
  "mcpServers": {
    "slack": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-slack"],
      "env": { "SLACK_BOT_TOKEN": "${K.slack}", "SLACK_TEAM_ID": "T01234567" }
    },
    "figma": { "serverUrl": "https://mcp.figma.com/mcp", "headers": { "X-Figma-Token": "${K.figma}" } }
  }
}
`,
    secrets: { slack: ["env:SLACK_BOT_TOKEN"], figma: ["headers:X-Figma-Token"] },
  },
  {
    client: "Cline",
    at: "~/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
    format: "json",
    keeps: '"autoApprove"',
    text: `{
  "mcpServers": {
    "weather": { "command": "node", "args": ["/opt/weather/build/index.js"], "env": { "API_KEY": "${K.clineA}" }, "disabled": false, "autoApprove": [] },
    "news": { "command": "node", "args": ["/opt/news/build/index.js"], "env": { "API_KEY": "${K.clineB}" }, "disabled": false, "autoApprove": [] }
  }
}
`,
    secrets: { weather: ["env:API_KEY"], news: ["env:API_KEY"] },
  },
  {
    client: "Amazon Q",
    at: "~/.aws/amazonq/mcp.json",
    format: "json",
    keeps: '"timeout": 60000',
    text: `{
  "mcpServers": {
    "gitlab": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-gitlab"],
      "env": { "GITLAB_PERSONAL_ACCESS_TOKEN": "${K.gitlab}", "GITLAB_API_URL": "https://gitlab.com/api/v4" },
      "timeout": 60000
    }
  }
}
`,
    secrets: { gitlab: ["env:GITLAB_PERSONAL_ACCESS_TOKEN"] },
  },
  {
    client: "JetBrains AI",
    at: "./.ai/mcp/mcp.json",
    format: "json",
    keeps: '"sentry"',
    text: `{"mcpServers": {"sentry": {"command": "npx", "args": ["@sentry/mcp-server@latest"], "env": {"SENTRY_ACCESS_TOKEN": "${K.sentry}"}}}}\n`,
    secrets: { sentry: ["env:SENTRY_ACCESS_TOKEN"] },
  },
  {
    client: "Zed",
    at: "~/.config/zed/settings.json",
    format: "jsonc",
    keeps: "// Zed settings",
    text: `// Zed settings
{
  "theme": "One Dark",
  "context_servers": {
    "postgres": {
      "source": "custom",
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-postgres"],
      "env": { "DATABASE_URL": "postgresql://app:${K.pgpass}@db.internal:5432/app" }
    },
    "linear": { "url": "https://mcp.linear.app/mcp", "headers": { "Authorization": "Bearer ${K.linear}" } }
  }
}
`,
    secrets: { postgres: ["env:DATABASE_URL"], linear: ["headers:Authorization"] },
  },
  {
    client: "opencode",
    at: "./opencode.json",
    format: "jsonc",
    keeps: '"$schema"',
    text: `{
  "$schema": "https://opencode.ai/config.json",
  "mcp": {
    "keyed": { "type": "local", "command": ["${node}", "${KEY_SERVER}", "GITHUB_TOKEN"], "environment": { "GITHUB_TOKEN": "${K.github}" }, "enabled": true },
    "context7": { "type": "remote", "url": "https://mcp.context7.com/mcp", "headers": { "CONTEXT7_API_KEY": "${K.context7}" } },
    "ref": { "type": "remote", "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer {env:MY_TOKEN}" } }
  }
}
`,
    secrets: { keyed: ["env:GITHUB_TOKEN"], context7: ["headers:CONTEXT7_API_KEY"] },
    started: { server: "keyed", variable: "GITHUB_TOKEN", value: K.github },
  },
  {
    client: "Codex",
    at: "~/.codex/config.toml",
    format: "toml",
    keeps: "# Codex: my settings",
    text: `# Codex: my settings
model = "gpt-5-codex"   # the default

[mcp_servers.keyed]
command = "${node}"
args = ["${KEY_SERVER}", "BRAVE_API_KEY"]
env = { BRAVE_API_KEY = "${K.brave}", LOG = "info" }

[mcp_servers.github]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]

[mcp_servers.github.env]
GITHUB_PERSONAL_ACCESS_TOKEN = "${K.github}"   # from the README

[mcp_servers.figma]
url = "https://mcp.figma.com/mcp"
http_headers = { Authorization = "Bearer ${K.figma}" }
`,
    secrets: { keyed: ["env:BRAVE_API_KEY"], github: ["env:GITHUB_PERSONAL_ACCESS_TOKEN"], figma: ["headers:Authorization"] },
    started: { server: "keyed", variable: "BRAVE_API_KEY", value: K.brave },
  },
  {
    client: "Continue",
    at: "~/.continue/config.yaml",
    format: "yaml",
    keeps: "# Continue config",
    text: `# Continue config
name: My Assistant
version: 1.0.0
schema: v1
mcpServers:
  - name: keyed
    command: ${node}
    args:
      - ${KEY_SERVER}
      - FIRECRAWL_API_KEY
    env:
      FIRECRAWL_API_KEY: ${K.firecrawl}   # pasted from the dashboard
  - name: placeholder
    command: npx
    args: ["-y", "firecrawl-mcp"]
    env:
      FIRECRAWL_API_KEY: \${{ secrets.FIRECRAWL_API_KEY }}
`,
    secrets: { keyed: ["env:FIRECRAWL_API_KEY"] },
    started: { server: "keyed", variable: "FIRECRAWL_API_KEY", value: K.firecrawl },
  },
  {
    client: "Goose",
    at: "~/.config/goose/config.yaml",
    format: "yaml",
    keeps: "GOOSE_PROVIDER: openai",
    text: `GOOSE_PROVIDER: openai
GOOSE_MODEL: gpt-4o
extensions:
  keyed:
    enabled: true
    type: stdio
    name: keyed
    cmd: ${node}
    args:
    - ${KEY_SERVER}
    - OPENAI_API_KEY
    envs:
      OPENAI_API_KEY: ${K.openai}
    timeout: 300
  notion:
    enabled: true
    type: streamable_http
    name: notion
    uri: https://mcp.notion.com/mcp
    headers:
      Authorization: Bearer ${K.notion}
`,
    secrets: { keyed: ["env:OPENAI_API_KEY"], notion: ["headers:Authorization"] },
    started: { server: "keyed", variable: "OPENAI_API_KEY", value: K.openai },
  },
];

/** The line ranges [first, last] (0-based) of the named servers in a fixture's original text. */
export function serverLines(f: ClientFixture, names: readonly string[]): Array<[number, number]> {
  const lineOf = (offset: number) => f.text.slice(0, offset).split("\n").length - 1;
  const out: Array<[number, number]> = [];
  for (const name of names) {
    if (f.format === "toml") {
      const lines = f.text.split("\n");
      const first = lines.findIndex((l) => l.trim() === `[mcp_servers.${name}]`);
      let last = first;
      for (let i = first + 1; i < lines.length; i++) {
        const l = lines[i]?.trim() ?? "";
        if (l.startsWith("[") && !l.startsWith(`[mcp_servers.${name}.`)) break;
        last = i;
      }
      out.push([first, last]);
      continue;
    }
    const marker = f.format === "yaml" ? (f.client === "Continue" ? `- name: ${name}\n` : `  ${name}:\n`) : `"${name}": {`;
    const start = f.text.indexOf(marker);
    if (start < 0) throw new Error(`${f.client}: no server ${name} in the fixture`);
    // The server runs until the next sibling at its indentation (or the end of its container).
    const lineStart = f.text.lastIndexOf("\n", start) + 1;
    const indent = /^[ \t]*/.exec(f.text.slice(lineStart))?.[0].length ?? 0;
    const lines = f.text.split("\n");
    const first = lineOf(start);
    let last = first;
    const oneLine =
      f.format !== "yaml" &&
      /\}\s*,?\s*$/.test(lines[first] ?? "") &&
      (lines[first]?.split("{").length ?? 0) === (lines[first]?.split("}").length ?? 0);
    if (!oneLine) {
      for (let i = first + 1; i < lines.length; i++) {
        const l = lines[i] ?? "";
        const ind = l.length - l.trimStart().length;
        if (l.trim() !== "" && ind <= indent) {
          last = f.format === "yaml" ? i - 1 : i;
          break;
        }
        last = i;
      }
    }
    out.push([first, last]);
  }
  return out;
}

/** Lines of `before` missing from `after` (by a longest-common-subsequence line diff), 0-based. */
export function changedLines(before: string, after: string): number[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (dp[i] as number[])[j] =
        a[i] === b[j]
          ? ((dp[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((dp[i + 1] as number[])[j] as number, (dp[i] as number[])[j + 1] as number);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length) {
    if (j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && ((dp[i] as number[])[j + 1] as number) >= ((dp[i + 1] as number[])[j] as number)) j++;
    else out.push(i++);
  }
  return out;
}
