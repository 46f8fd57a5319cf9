import { defineCommand } from "../cli/spec.js";

export const listOptions = {
  json: {
    type: "boolean",
    description:
      "print [{client, path, scope, format, servers: [{name, project?, command, remote,\nwrapped, wrappedProfile?, literalKeys, secrets: [{field, name, key, fix, action}]}],\nproblems}]",
  },
} as const;

export const list = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "the MCP client configs here, their servers, which hold literal keys",
  description: `The MCP client configs found here (Claude Desktop, Claude Code, Cursor, VS Code's mcp.json and
settings.json, Gemini CLI, Windsurf, Cline, Amazon Q, JetBrains AI, Zed, opencode, Codex's
config.toml, Continue's and Goose's config.yaml; project files at or above the working
directory), each server in them, every literal key (in env, headers, args, URLs and connection
strings: names only, never values) with what aim mcp secure does about it, or the manual fix
where the client has no way to name a key, and the servers that already start under aim exec.
A file or field aim cannot read is named as such, never called clean.`,
  options: listOptions,
  load: () => import("./mcp/list.js"),
});

export const secureOptions = {
  "dry-run": { type: "boolean", description: "print what would change, values masked, and change nothing" },
  keep: { type: "string", value: "NAME[,NAME]", complete: "none", description: "leave these variables' values in the file" },
  force: { type: "boolean", description: "replace a stored key that holds a different value" },
  profile: {
    type: "string",
    value: "P",
    complete: "profile",
    description: "store the keys as P/NAME; the servers start with aim exec --profile P",
  },
} as const;

export const secure = defineCommand({
  name: "secure",
  summary: "move those keys into the store and wrap the servers in aim exec",
  description: `Move the literal keys in MCP client configs into the store, each under its variable's name
(PROFILE/NAME with --profile; SERVER/NAME when two servers hold one name with different values),
and secure each with the client's own mechanism: a stdio server starts as
<node> <aim> exec --keys K1,K2 [--expand-args] --no-config -- <its command and args>, an args
literal becoming \${NAME} that aim exec fills; a remote server's header goes through Claude
Code's headersHelper (aim mcp headers), Codex's bearer_token_env_var/env_http_headers, the
\${env:NAME} or {env:NAME} of Cursor, Windsurf, Gemini CLI and opencode, or VS Code's inputs.
Every other field, the file's formatting and its comments stay; the file is replaced atomically
with its mode kept, and no backup or temporary copy holds a value. A second run changes nothing.
Another user's file is left alone; a file with duplicate names or a second hard link is refused.
Without FILE, every config aim mcp list finds.`,
  options: secureOptions,
  positionals: [{ name: "FILE", variadic: true, complete: "file" }],
  load: () => import("./mcp/secure.js"),
});

export const headersOptions = {} as const;

export const headers = defineCommand({
  name: "headers",
  summary: "print a remote server's headers as JSON, from the store (Claude Code's headersHelper)",
  description: `Print one JSON object of HTTP headers, each HEADER given as 'Name: text {KEY} text' with every
{KEY} (NAME or PROFILE/NAME) filled from the store. aim mcp secure writes this command into
Claude Code's headersHelper, which runs it when it connects to the server; the values go to
stdout only.`,
  options: headersOptions,
  positionals: [
    { name: "SERVER", required: true, complete: "none" },
    { name: "HEADER", required: true, variadic: true, complete: "none" },
  ],
  load: () => import("./mcp/headers.js"),
});

export const mcp = defineCommand({
  name: "mcp",
  summary: "literal keys in MCP client configs: find them, move them into the store",
  description: `MCP servers started by GUI clients (Claude Desktop, Cursor, VS Code) get almost no environment,
so their keys end up as plain text in the client's config. aim moves them into the store and
starts each server through aim exec instead.`,
  subcommands: [list, secure, headers],
});
