import { dispatch } from "./group.js";

export const help = `Usage: aim mcp <command> [options]

MCP servers started by GUI clients (Claude Desktop, Cursor, VS Code) get almost no environment,
so their keys end up as plain text in the client's config. aim moves them into the store and
starts each server through aim exec instead.

Commands:
  list [--json]          the MCP client configs here, their servers, which hold literal keys
  secure [FILE...]       move those keys into the store and wrap the servers in aim exec

Run aim mcp <command> --help for its options.
`;

const SUBCOMMANDS = {
  list: () => import("./mcp/list.js"),
  ls: () => import("./mcp/list.js"),
  secure: () => import("./mcp/secure.js"),
};

export const run = (args: string[]): Promise<number> => dispatch("mcp", help, SUBCOMMANDS, args);
