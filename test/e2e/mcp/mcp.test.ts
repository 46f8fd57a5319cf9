import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "jsonc-parser";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM } from "../../helpers/cli.js";
import { KEY_SERVER, MCP_VALUE, mcpWorld, startLikeAClient, vscodeConfig } from "../../helpers/mcp.js";
import { layout } from "../../helpers/project.js";
import { requireTool } from "../../helpers/tools.js";
import { node24 } from "../../helpers/node24.js";
import { sha } from "../../helpers/fixture-tools.js";

// @both-backends: the moved values land in the keyring, and in the file vault.

const GH = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";

const noValue = (r: { stdout: string; stderr: string }, ...values: string[]) => {
  for (const v of values) assert.not.ok(r.stdout.includes(v) || r.stderr.includes(v), "a value was printed");
};

const list = suite("aim mcp list");
list("finds every client's config and names literal keys and wrapped servers, never a value", () => {
  const w = mcpWorld({
    ".vscode/mcp.json": vscodeConfig(),
    ".mcp.json": JSON.stringify({
      mcpServers: { wrapped: { command: process.execPath, args: [AIM, "exec", "--keys", "A_KEY", "--", "x"] } },
    }),
  });
  layout(w.home, {
    ".claude.json": JSON.stringify({
      numStartups: 3,
      mcpServers: { gh: { command: "npx", args: ["gh-mcp"], env: { GITHUB_TOKEN: GH } } },
      projects: { "/src/app": { mcpServers: { db: { command: "db-mcp", env: { DB_PASSWORD: "hunter2hunter2" } } } } },
    }),
    ".cursor/mcp.json": JSON.stringify({
      mcpServers: { search: { command: "s", env: { SEARCH_URL: "https://example.com/api", PLAIN: "sk-proj-abcdefghijklmnop" } } },
    }),
    ".gemini/settings.json": JSON.stringify({ theme: "x", mcpServers: { remote: { url: "https://mcp.example.com", env: {} } } }),
    ".config/Claude/claude_desktop_config.json": "{ not json",
  });
  const r = w.aim(["mcp", "list", "--json"], { cwd: w.proj });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, "");
  noValue(r, MCP_VALUE, GH, "hunter2hunter2", "sk-proj-abcdefghijklmnop");
  const files = JSON.parse(r.stdout) as Array<{
    client: string;
    path: string;
    scope: string;
    servers: Array<{ name: string; project?: string; literalKeys: string[]; wrapped: string[] | null }>;
    problems: string[];
  }>;
  const by = (client: string, scope: string) => files.find((f) => f.client === client && f.scope === scope);
  assert.equal(
    files.map((f) => `${f.client}/${f.scope}`),
    ["Claude Desktop/user", "Claude Code/user", "Cursor/user", "Gemini CLI/user", "Claude Code/project", "VS Code/project"],
  );
  assert.match(by("Claude Desktop", "user")?.problems[0] ?? "", /claude_desktop_config\.json is not a JSON object/);
  assert.equal(
    by("Claude Code", "user")?.servers.map((s) => [s.name, s.project ?? null, s.literalKeys]),
    [
      ["gh", null, ["GITHUB_TOKEN"]],
      ["db", "/src/app", ["DB_PASSWORD"]],
    ],
  );
  assert.equal(by("Cursor", "user")?.servers[0]?.literalKeys, ["PLAIN"], "a URL is no key; an sk- value is, whatever its name");
  assert.equal(
    by("VS Code", "project")?.servers.map((s) => [s.name, s.literalKeys]),
    [
      ["keyed", ["DEMO_API_KEY"]],
      ["plain", []],
    ],
  );
  assert.equal(by("Claude Code", "project")?.servers[0]?.wrapped, ["A_KEY"]);
  const human = w.aim(["mcp", "list"], { cwd: w.proj });
  assert.is(human.code, 0);
  assert.match(
    human.stdout,
    /\.vscode\/mcp\.json \(VS Code, project\)\n {2}keyed +LITERAL KEYS: DEMO_API_KEY \(env\)\n {4}DEMO_API_KEY: into the store as DEMO_API_KEY; the server starts under aim exec\n {2}plain +no literal keys\n/,
  );
  assert.match(human.stdout, /db \(project \/src\/app\) +LITERAL KEYS: DB_PASSWORD \(env\)/);
  assert.match(human.stderr, /^aim: literal keys in \d files: move them into the store with: aim mcp secure\n$/);
  noValue(human, MCP_VALUE, GH, "hunter2hunter2");
});
list("nothing found: a note on stderr, nothing on stdout; --help", () => {
  const w = mcpWorld({});
  const r = w.aim(["mcp", "list"], { cwd: w.proj });
  assert.is(r.code, 0);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: no MCP client config found here/);
  const help = w.aim(["mcp", "secure", "--help"]);
  assert.is(help.code, 0);
  assert.is(help.stderr, "");
  assert.match(help.stdout, /^Usage: aim mcp secure/);
  const bad = w.aim(["mcp", "frob"]);
  assert.is(bad.code, 2);
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /^aim: unknown command "mcp frob"/);
});
list.run();

const secure = suite("aim mcp secure");
secure("moves the key, keeps comments, fields and mode; a real MCP client starts the server, which gets the key", async () => {
  const w = mcpWorld();
  const file = join(w.proj, ".vscode", "mcp.json");
  chmodSync(file, 0o640);
  const r = w.aim(["mcp", "secure"], { cwd: w.proj });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(
    r.stderr,
    /^aim: .*mcp\.json: server keyed: moved DEMO_API_KEY into the store; it now starts with aim exec\naim: restart VS Code/,
  );
  noValue(r, MCP_VALUE);
  const text = readFileSync(file, "utf8");
  assert.not.ok(text.includes(MCP_VALUE), "the value left the file");
  assert.ok(text.includes("// servers for this project: a comment that must survive"));
  assert.ok(
    text.includes('"plain": { "command": "node", "args": ["-e", "0"] }, // trailing comma next'),
    "other servers untouched, byte for byte",
  );
  assert.is(statSync(file).mode & 0o777, 0o640);
  assert.equal(readdirSync(dirname(file)), ["mcp.json"], "no backup or temp file left");
  const server = parse(text).servers.keyed;
  assert.equal(server, {
    type: "stdio",
    command: process.execPath,
    args: [AIM, "exec", "--keys", "DEMO_API_KEY", "--no-config", "--", "node", KEY_SERVER, "DEMO_API_KEY"],
    env: { LOG_LEVEL: "debug" },
  });
  assert.is(w.aim(["secrets", "get", "DEMO_API_KEY", "--show"]).stdout, MCP_VALUE);

  // A GUI client passes almost nothing: PATH, and here the sandbox's store settings.
  const started = await startLikeAClient(server, w.env, w.proj);
  assert.equal(started.tools, ["key_status"]);
  assert.is(started.status.present, true);
  assert.is(started.status.sha256, sha(MCP_VALUE), "the server's environment holds the stored key");

  const again = w.aim(["mcp", "secure"], { cwd: w.proj });
  assert.is(again.code, 0, again.stderr);
  assert.is(again.stdout, "");
  assert.match(again.stderr, /^aim: nothing to secure: no literal key in .*mcp\.json\n$/);
  assert.is(readFileSync(file, "utf8"), text, "a second run leaves the file byte for byte");
});
secure("secured by aim on Node 24, the server runs in aim's place: its parent is the MCP client, no aim in between", async () => {
  const w = mcpWorld();
  const file = join(w.proj, ".vscode", "mcp.json");
  const r = spawnSync(node24(), [AIM, "mcp", "secure", file], { cwd: w.proj, env: w.env, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  const server = parse(readFileSync(file, "utf8")).servers.keyed;
  assert.is(server.command, node24());
  const started = await startLikeAClient(server, w.env, w.proj);
  assert.is(started.status.sha256, sha(MCP_VALUE));
  assert.is(started.status.ppid, process.pid, "the server's parent is the client itself");
  assert.is(started.status.pid, started.pid, "the pid the client started is the server's: aim became it");
});
secure("--dry-run masks values and changes nothing; --keep leaves a value; a different stored value stops the run unless --force", () => {
  const w = mcpWorld();
  const file = join(w.proj, ".vscode", "mcp.json");
  const before = readFileSync(file, "utf8");
  const dry = w.aim(["mcp", "secure", "--dry-run", file]);
  assert.is(dry.code, 0, dry.stderr);
  noValue(dry, MCP_VALUE);
  assert.match(
    dry.stdout,
    /server keyed: move DEMO_API_KEY into the store\n {4}- \{"command":"node".*"DEMO_API_KEY":"\*\*\*\*\*","LOG_LEVEL":"debug"\}\}\n {4}\+ \{"command":/,
  );
  assert.match(dry.stderr, /aim: dry run: nothing changed\n$/);
  assert.is(readFileSync(file, "utf8"), before);
  assert.is(w.aim(["secrets", "get", "DEMO_API_KEY"]).code, 1, "nothing stored");

  const kept = w.aim(["mcp", "secure", "--keep", "DEMO_API_KEY", file]);
  assert.is(kept.code, 0, kept.stderr);
  assert.is(kept.stdout, "");
  assert.match(kept.stderr, /nothing to secure/);
  assert.is(readFileSync(file, "utf8"), before);

  assert.is(w.aim(["secrets", "set", "DEMO_API_KEY"], { input: "sk-another-value-000" }).code, 0);
  const clash = w.aim(["mcp", "secure", file]);
  assert.is(clash.code, 1);
  assert.is(clash.stdout, "");
  assert.match(
    clash.stderr,
    /^aim: the .* already holds a different DEMO_API_KEY\. Check which one is right .*--force.*--keep DEMO_API_KEY/,
  );
  noValue(clash, MCP_VALUE, "sk-another-value-000");
  assert.is(readFileSync(file, "utf8"), before, "a failed run changes nothing");
  const forced = w.aim(["mcp", "secure", "--force", file]);
  assert.is(forced.code, 0, forced.stderr);
  assert.is(forced.stdout, "");
  assert.is(w.aim(["secrets", "get", "DEMO_API_KEY", "--show"]).stdout, MCP_VALUE);
});
secure("a per-project server in ~/.claude.json; the same value twice is one key, two different values go to a profile per server", () => {
  const w = mcpWorld({});
  const claude = join(w.home, ".claude.json");
  const doc = {
    mcpServers: { a: { command: "a-mcp", env: { SHARED_TOKEN: "tok-1234567890" } } },
    projects: {
      "/src/app": { allowedTools: [], mcpServers: { b: { command: "b-mcp", args: ["--x"], env: { SHARED_TOKEN: "tok-1234567890" } } } },
    },
  };
  writeFileSync(claude, `${JSON.stringify(doc, null, 2)}\n`);
  const r = w.aim(["mcp", "secure", claude]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  const after = JSON.parse(readFileSync(claude, "utf8"));
  assert.equal(after.projects["/src/app"].mcpServers.b, {
    command: process.execPath,
    args: [AIM, "exec", "--keys", "SHARED_TOKEN", "--no-config", "--", "b-mcp", "--x"],
  });
  assert.equal(after.projects["/src/app"].allowedTools, []);
  writeFileSync(
    claude,
    JSON.stringify({
      mcpServers: { a: { command: "a", env: { X_TOKEN: "value-one-1234" } }, b: { command: "b", env: { X_TOKEN: "value-two-5678" } } },
    }),
  );
  const clash = w.aim(["mcp", "secure", claude]);
  assert.is(clash.code, 0, clash.stderr);
  assert.match(
    clash.stderr,
    /server a: moved X_TOKEN into the store as a\/X_TOKEN.*\n.*server b: moved X_TOKEN into the store as b\/X_TOKEN/,
  );
  noValue(clash, "value-one-1234", "value-two-5678");
  const both = JSON.parse(readFileSync(claude, "utf8"));
  assert.equal(both.mcpServers.a.args, [AIM, "exec", "--keys", "a/X_TOKEN", "--no-config", "--", "a"]);
  assert.equal(both.mcpServers.b.args, [AIM, "exec", "--keys", "b/X_TOKEN", "--no-config", "--", "b"]);
  assert.is(w.aim(["secrets", "get", "a/X_TOKEN", "--show"]).stdout, "value-one-1234");
  assert.is(w.aim(["secrets", "get", "b/X_TOKEN", "--show"]).stdout, "value-two-5678");
});
secure("a file named on the command line, in VS Code's format under another name", () => {
  const w = mcpWorld({ "my-servers.json": vscodeConfig() });
  const file = join(w.proj, "my-servers.json");
  const r = w.aim(["mcp", "secure", file]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /server keyed: moved DEMO_API_KEY into the store/);
  assert.not.ok(readFileSync(file, "utf8").includes(MCP_VALUE));
  const missing = w.aim(["mcp", "secure", join(w.proj, "nope.json")]);
  assert.is(missing.code, 1);
  assert.is(missing.stdout, "");
  assert.match(missing.stderr, /^aim: cannot read .*nope\.json/);
});
secure("under strace: no value in any write to a file, nor in any argv (secure, then the server's aim exec)", () => {
  requireTool("strace");
  const w = mcpWorld();
  const log = join(w.dir, "strace.log");
  const traced = (args: string[]) => {
    const r = spawnSync(
      "strace",
      ["-f", "-qq", "-y", "-s", "65536", "-e", "trace=write,pwrite64,writev,execve", "-o", log, process.execPath, AIM, ...args],
      { cwd: w.proj, env: w.env, encoding: "utf8" },
    );
    assert.is(r.status, 0, r.stderr);
    const lines = readFileSync(log, "utf8").split("\n");
    const fileWrites = lines.filter((l) => /^\d+ +(write|pwrite64|writev)\(\d+<\//.test(l));
    const execs = lines.filter((l) => /^\d+ +execve\(/.test(l));
    assert.ok(execs.length > 0, "strace saw the calls");
    if (args[0] === "mcp")
      assert.ok(
        fileWrites.some((l) => l.includes('\\"LOG_LEVEL\\"') && l.includes("mcp.json")),
        "strace shows what was written to the config",
      );
    for (const l of [...fileWrites, ...execs]) assert.not.ok(l.includes(MCP_VALUE), `value in: ${l.slice(0, 120)}`);
  };
  traced(["mcp", "secure"]);
  assert.not.ok(readFileSync(join(w.proj, ".vscode", "mcp.json"), "utf8").includes(MCP_VALUE));
  traced(["exec", "--keys", "DEMO_API_KEY", "--", "sh", "-c", 'test -n "$DEMO_API_KEY"']);
});
secure.run();
