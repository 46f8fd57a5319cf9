// `aim doctor` prints names that a repository controls (MCP server and variable names, the
// folder's own path): control characters (ESC, BEL, OSC titles, C1 CSI) and bidi overrides
// reach the terminal escaped, in the text report and in --json, which stays valid JSON with
// the same data. Checked on the exact bytes printed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox } from "../../helpers/cli.js";

const HOSTILE_SERVER = "evil\u001b]0;pwned\u0007\u009b31m\u202egnp.exe";
const HOSTILE_DIR = "repo\u001b[2J\u202eod";
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function world() {
  const sb = sandbox({ AIM_BACKEND: undefined });
  const dir = join(sb.dir, "work", HOSTILE_DIR);
  mkdirSync(dir, { recursive: true });
  const config = {
    mcpServers: {
      [HOSTILE_SERVER]: { command: "npx", args: ["x"], env: { OPENAI_API_KEY: "sk-proj-doctorescape0123456789abcdef" } },
    },
  };
  writeFileSync(join(dir, ".mcp.json"), JSON.stringify(config));
  return { ...sb, dir };
}

const escaped = suite("aim doctor escapes what it did not write");
escaped("text report: no raw control or bidi character; the names shown escaped", () => {
  const { aim, dir } = world();
  const r = aim(["doctor"], { cwd: dir });
  assert.not.match(r.stdout, RAW, JSON.stringify(r.stdout));
  assert.not.match(r.stderr, RAW, JSON.stringify(r.stderr));
  assert.ok(r.stdout.includes("evil\\u001b]0;pwned\\u0007\\u009b31m\\u202egnp.exe"), r.stdout);
  assert.ok(r.stdout.includes("repo\\u001b[2J\\u202eod"), r.stdout);
  assert.not.ok(r.stdout.includes("sk-proj-doctorescape"), "never the value");
});
escaped("--json: no raw control or bidi character, and it parses to the real names", () => {
  const { aim, dir } = world();
  const r = aim(["doctor", "--json"], { cwd: dir });
  assert.not.match(r.stdout, RAW, JSON.stringify(r.stdout));
  const doc = JSON.parse(r.stdout);
  const mcp = (doc.checks as Array<{ id: string; detail: string }>).find((c) => c.id === "mcp-keys");
  assert.ok(mcp?.detail.includes(HOSTILE_SERVER), mcp?.detail);
});
escaped.run();
