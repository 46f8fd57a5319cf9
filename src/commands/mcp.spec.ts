import { defineCommand } from "../cli/spec.js";

export const listOptions = {
  json: {
    type: "boolean",
    description:
      "print [{client, path, scope, servers: [{name, project?, command, remote,\nwrapped, wrappedProfile?, literalKeys}], problems}]",
  },
} as const;

export const list = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "the MCP client configs here, their servers, which hold literal keys",
  description: `The MCP client configs found here (Claude Desktop, Claude Code's ~/.claude.json and .mcp.json,
Cursor's mcp.json, VS Code's mcp.json, Gemini CLI's settings.json; project files at or above the
working directory), each server in them, the env entries that hold a literal key (names only,
never values), and the servers that already start under aim exec.`,
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
(PROFILE/NAME with --profile), and make each server start as
<node> <aim> exec --keys K1,K2 [--profile P] --no-config -- <its command and args>: exactly those
keys, whatever .aimrc is in the folder the client starts it in. Every other field, the file's
formatting and its comments stay; the file is replaced atomically with its mode kept, and no
backup or temporary copy holds a value. A second run changes nothing (a server wrapped by an
older aim, without --no-config, counts as wrapped). Without FILE, every config aim mcp list finds.`,
  options: secureOptions,
  positionals: [{ name: "FILE", variadic: true, complete: "file" }],
  load: () => import("./mcp/secure.js"),
});

export const mcp = defineCommand({
  name: "mcp",
  summary: "literal keys in MCP client configs: find them, move them into the store",
  description: `MCP servers started by GUI clients (Claude Desktop, Cursor, VS Code) get almost no environment,
so their keys end up as plain text in the client's config. aim moves them into the store and
starts each server through aim exec instead.`,
  subcommands: [list, secure],
});
