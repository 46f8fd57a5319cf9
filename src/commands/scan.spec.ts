import { defineCommand } from "../cli/spec.js";

export const options = {
  staged: { type: "boolean", description: "search the index (what the next commit holds): for a pre-commit hook" },
  history: { type: "boolean", description: "search every blob in the repository's history, each once, with the commit\nthat added it" },
  agents: {
    type: "boolean",
    description:
      "search AI agents' files: ~/.claude/projects, ~/.claude.json, ~/.codex/sessions,\n~/.codex/history.jsonl, ~/.gemini, and every MCP config aim mcp list finds",
  },
  "shell-history": { type: "boolean", description: "search bash, zsh, fish and PowerShell (PSReadLine) histories" },
  all: { type: "boolean", description: "the working tree, --staged, --history, --agents and --shell-history" },
  profile: { type: "string", value: "P", complete: "profile", description: "look only for the keys of profile P" },
  fix: {
    type: "boolean",
    description: "with --shell-history: remove the history entries that hold a value\n(atomically, keeping the file's mode and format)",
  },
  json: { type: "boolean", description: "print [{path, line, key, profile, encoding, commit?}]" },
  "install-hook": { type: "boolean", description: "add `aim scan --staged` to this repository's pre-commit hook (once)" },
} as const;

export const scan = defineCommand({
  name: "scan",
  summary: "find your stored keys' values in files, git history, shell histories and agents' transcripts",
  description: `Find where the values of your stored keys sit in plain text: every profile's keys (and the
team: and pass: values of a trusted project), as they are and base64, base64url, URL- and
JSON-encoded. Without a place, the working tree (tracked files and untracked ones that are not
ignored); a PATH outside a git repository is searched whole. Prints PATH:LINE: NAME (profile)
[encoding] (history: COMMIT:PATH:LINE:), never a value or the line that holds it, and then the
next step for each kind of finding. Values shorter than 8 characters are not searched for.`,
  epilog: `Exit status: 0 nothing found (with --fix: everything found was removed), 1 found, 2 usage.`,
  options,
  positionals: [{ name: "PATH", variadic: true, complete: "file" }],
  load: () => import("./scan.js"),
});
