import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

const MCP_VALUE = "ghp_doctorNeverShows0123456789abcdefgh";
const ENV_VALUE = "sk-proj-doctor-never-shows-1234";
type Check = { id: string; status: string; detail: string; fix: string | null };

function world() {
  const sb = sandbox({ AIM_BACKEND: undefined });
  const home = join(sb.dir, "home");
  const proj = join(sb.dir, "work", "proj");
  mkdirSync(proj, { recursive: true });
  Object.assign(sb.env, { HOME: home, XDG_CONFIG_HOME: join(home, ".config") });
  layout(home, {
    ".cursor/mcp.json": JSON.stringify({ mcpServers: { gh: { command: "gh-mcp", env: { GITHUB_TOKEN: MCP_VALUE, LOG: "1" } } } }),
  });
  layout(proj, {
    ".env": `OPENAI_API_KEY=${ENV_VALUE}\nDEBUG=1\n`,
    ".env.local": "PORT=3000\n",
    ".env.example": "OPENAI_API_KEY=your-key-goes-here\n",
  });
  return { ...sb, home, proj };
}

const agents = suite("aim doctor: keys where AI agents read them");
agents("warns by file and name about MCP configs and .env files, with the fix; never a value; still exit 0", () => {
  const w = world();
  const r = w.aim(["doctor"], { cwd: w.proj });
  assert.is(r.code, 0, r.stdout);
  assert.is(r.stderr, "");
  assert.match(
    r.stdout,
    /^warn\s+MCP config\s+\/.*\/home\/\.cursor\/mcp\.json \(Cursor\): server gh holds GITHUB_TOKEN \(env\) in plain text\n\s+fix: aim mcp secure '\/.*\/home\/\.cursor\/mcp\.json'$/m,
  );
  assert.match(
    r.stdout,
    /^warn\s+\.env file\s+\/.*\/proj\/\.env holds OPENAI_API_KEY in plain text, and AI agents load \.env files by themselves\n\s+fix: aim secrets import '\/.*\/proj\/\.env' && rm '\/.*\/proj\/\.env'$/m,
  );
  assert.not.match(r.stdout, /\.env\.example|\.env\.local/, "placeholders and key-less files are not reported");
  for (const v of [MCP_VALUE, ENV_VALUE]) assert.not.ok(r.stdout.includes(v));
  const json = w.aim(["doctor", "--json"], { cwd: w.proj });
  assert.is(json.code, 0);
  assert.is(json.stderr, "");
  for (const v of [MCP_VALUE, ENV_VALUE]) assert.not.ok(json.stdout.includes(v));
  const checks = (JSON.parse(json.stdout) as { checks: Check[] }).checks;
  assert.equal(
    checks.filter((c) => c.id === "mcp-keys" || c.id === "dotenv-keys").map((c) => [c.id, c.status]),
    [
      ["mcp-keys", "warn"],
      ["dotenv-keys", "warn"],
    ],
  );
});
agents("after aim mcp secure the MCP line is ok", () => {
  const w = world();
  const secured = w.aim(["mcp", "secure"], { cwd: w.proj });
  assert.is(secured.code, 0, secured.stderr);
  assert.is(secured.stdout, "");
  const r = w.aim(["doctor"], { cwd: w.proj });
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.match(r.stdout, /^ok\s+MCP config\s+no literal keys in \/.*\/home\/\.cursor\/mcp\.json$/m);
});
agents.run();
