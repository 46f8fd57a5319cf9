import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, expectRun, jsonOf, succeeds } from "../../helpers/cli.js";
import { sha } from "../../helpers/fixture-tools.js";
import { KEY_SERVER, MCP_VALUE, mcpWorld, startLikeAClient, vscodeConfig } from "../../helpers/mcp.js";

// @both-backends: the servers read their keys from the keyring, and from the file vault.

// What `aim mcp secure` writes is started later by a client, in a working directory aim
// cannot know: whatever .aimrc is there (untrusted, or naming other keys) must not matter.

const OTHER = "tok-other-project-5e8a1c";

const wrapper = suite("the wrapper aim mcp secure writes");
wrapper("started in a folder with an untrusted .aimrc, then a trusted one naming another key: exactly the server's key", async () => {
  const w = mcpWorld({ ".vscode/mcp.json": vscodeConfig(), ".aimrc": "keys:\n  - OTHER_TOKEN\n" });
  const file = join(w.proj, ".vscode", "mcp.json");
  expectRun(w.aim(["mcp", "secure"], { cwd: w.proj }), { code: 0, stdout: "", stderr: /server keyed: moved DEMO_API_KEY/ });
  const server = parse(readFileSync(file, "utf8")).servers.keyed;
  assert.equal(server.args, [AIM, "exec", "--keys", "DEMO_API_KEY", "--no-config", "--", "node", KEY_SERVER, "DEMO_API_KEY"]);

  const untrusted = await startLikeAClient(server, w.env, w.proj);
  assert.equal(untrusted.tools, ["key_status"], "tools/list answers though the folder's .aimrc is not trusted");
  assert.is(untrusted.status.sha256, sha(MCP_VALUE), "the key arrived");
  assert.equal(untrusted.status.keyNames, ["DEMO_API_KEY"]);
  assert.is(untrusted.stderr, "", "aim said nothing: the .aimrc is none of its business here");

  succeeds(w.aim(["secrets", "set", "OTHER_TOKEN"], { input: OTHER }));
  succeeds(w.aim(["allow"], { cwd: w.proj }));
  const trusted = await startLikeAClient(server, w.env, w.proj);
  assert.is(trusted.status.sha256, sha(MCP_VALUE));
  assert.equal(trusted.status.keyNames, ["DEMO_API_KEY"], "the project's OTHER_TOKEN is not handed to the server");
});
wrapper("servers wrapped the old way (no --no-config) count as wrapped: list shows both, a second secure changes nothing", () => {
  const old = { command: process.execPath, args: [AIM, "exec", "--keys", "A_KEY", "--", "old-mcp"] };
  const now = { command: process.execPath, args: [AIM, "exec", "--keys", "B_KEY", "--no-config", "--", "new-mcp"] };
  const text = `${JSON.stringify({ mcpServers: { old, now } }, null, 2)}\n`;
  const w = mcpWorld({ ".mcp.json": text });
  const [file] = jsonOf(w.aim(["mcp", "list", "--json"], { cwd: w.proj })) as Array<{
    servers: Array<{ name: string; wrapped: string[] | null; literalKeys: string[] }>;
  }>;
  assert.equal(
    file?.servers.map((s) => [s.name, s.wrapped, s.literalKeys]),
    [
      ["old", ["A_KEY"], []],
      ["now", ["B_KEY"], []],
    ],
  );
  expectRun(w.aim(["mcp", "list"], { cwd: w.proj }), {
    code: 0,
    stdout: /\n {2}old +wrapped by aim exec --keys A_KEY\n {2}now +wrapped by aim exec --keys B_KEY\n$/,
    stderr: "",
  });
  expectRun(w.aim(["mcp", "secure"], { cwd: w.proj }), {
    code: 0,
    stdout: "",
    stderr: /^aim: nothing to secure: no literal key in .*\.mcp\.json\n$/,
  });
  assert.is(readFileSync(join(w.proj, ".mcp.json"), "utf8"), text, "byte for byte");
});
wrapper.run();

const profile = suite("aim mcp secure --profile");
profile("values go to P/NAME, the args carry --profile P, a real MCP client's server gets the key", async () => {
  const w = mcpWorld();
  const file = join(w.proj, ".vscode", "mcp.json");
  // The default profile's DEMO_API_KEY is another store key: no clash, and left as it is.
  succeeds(w.aim(["secrets", "set", "DEMO_API_KEY"], { input: "sk-default-profile-value-1" }));
  const dry = expectRun(w.aim(["mcp", "secure", "--profile", "work", "--dry-run", file]), {
    code: 0,
    stdout: /server keyed: move DEMO_API_KEY into the store as work\/DEMO_API_KEY\n[\s\S]*"--profile","work","--no-config","--"/,
    stderr: "aim: dry run: nothing changed\n",
  });
  assert.not.ok(dry.stdout.includes(MCP_VALUE));
  expectRun(w.aim(["mcp", "secure", "--profile", "work", file]), {
    code: 0,
    stdout: "",
    stderr: /^aim: .*mcp\.json: server keyed: moved DEMO_API_KEY into the store as work\/DEMO_API_KEY; it now starts with aim exec\n/,
  });
  expectRun(w.aim(["secrets", "get", "work/DEMO_API_KEY", "--show"]), { code: 0, stdout: MCP_VALUE, stderr: "" });
  expectRun(w.aim(["secrets", "get", "DEMO_API_KEY", "--show"]), { code: 0, stdout: "sk-default-profile-value-1", stderr: "" });
  const server = parse(readFileSync(file, "utf8")).servers.keyed;
  assert.equal(server.args, [
    AIM,
    ...["exec", "--keys", "DEMO_API_KEY", "--profile", "work", "--no-config", "--"],
    ...["node", KEY_SERVER, "DEMO_API_KEY"],
  ]);
  const started = await startLikeAClient(server, w.env, w.proj);
  assert.equal(started.tools, ["key_status"]);
  assert.is(started.status.sha256, sha(MCP_VALUE), "work/DEMO_API_KEY arrived as DEMO_API_KEY");
  expectRun(w.aim(["mcp", "list"], { cwd: w.proj }), {
    code: 0,
    stdout: /\n {2}keyed +wrapped by aim exec --keys DEMO_API_KEY --profile work\n/,
    stderr: "",
  });
  const [listed] = jsonOf(w.aim(["mcp", "list", "--json"], { cwd: w.proj })) as Array<{ servers: Array<Record<string, unknown>> }>;
  assert.equal(
    listed?.servers.map((s) => [s.name, s.wrapped, s.wrappedProfile]),
    [
      ["keyed", ["DEMO_API_KEY"], "work"],
      ["plain", null, undefined],
    ],
  );
});
profile("a different work/NAME stops the run unless --force; a bad profile name is refused; nothing changes", () => {
  const w = mcpWorld();
  const file = join(w.proj, ".vscode", "mcp.json");
  const before = readFileSync(file, "utf8");
  expectRun(w.aim(["mcp", "secure", "--profile", "no/slash", file]), {
    code: 1,
    stdout: "",
    stderr: /^aim: --profile "no\/slash" is not a profile name\. .*e\.g\. work\n$/,
  });
  succeeds(w.aim(["secrets", "set", "work/DEMO_API_KEY"], { input: "sk-another-value-000" }));
  const clash = expectRun(w.aim(["mcp", "secure", "--profile", "work", file]), {
    code: 1,
    stdout: "",
    stderr:
      /^aim: the .* already holds a different work\/DEMO_API_KEY\. .*aim secrets get work\/DEMO_API_KEY.*--force.*--keep DEMO_API_KEY/,
  });
  assert.not.ok(clash.stderr.includes(MCP_VALUE));
  assert.is(readFileSync(file, "utf8"), before, "a failed run changes nothing");
  succeeds(w.aim(["mcp", "secure", "--profile", "work", "--force", file]));
  expectRun(w.aim(["secrets", "get", "work/DEMO_API_KEY", "--show"]), { code: 0, stdout: MCP_VALUE, stderr: "" });
});
profile("a key added to a wrapper of another profile is named in full: work/NAME, or default/NAME without --profile", async () => {
  const server = (profileArgs: string[], name: string, value: string) => ({
    command: process.execPath,
    args: [AIM, "exec", "--keys", "A_KEY", ...profileArgs, "--no-config", "--", "node", KEY_SERVER, name],
    env: { [name]: value },
  });
  const text = JSON.stringify(
    {
      mcpServers: {
        plain: server([], "NEW_TOKEN", "tok-new-literal-0a9b8c7d"),
        work: server(["--profile", "work"], "LATE_TOKEN", "tok-late-literal-1b2c3d4e"),
      },
    },
    null,
    2,
  );
  const w = mcpWorld({ ".mcp.json": text });
  const file = join(w.proj, ".mcp.json");
  succeeds(w.aim(["secrets", "set", "A_KEY"], { input: "a-key-value-123456" }));
  succeeds(w.aim(["secrets", "set", "work/A_KEY"], { input: "a-key-work-value-789" }));
  // Each run moves only the server whose key is not kept: one with --profile work, one without.
  succeeds(w.aim(["mcp", "secure", "--profile", "work", "--keep", "LATE_TOKEN", file]));
  succeeds(w.aim(["mcp", "secure", file]));
  const servers = parse(readFileSync(file, "utf8")).mcpServers;
  assert.equal(servers.plain, {
    command: process.execPath,
    args: [AIM, "exec", "--keys", "A_KEY,work/NEW_TOKEN", "--no-config", "--", "node", KEY_SERVER, "NEW_TOKEN"],
  });
  assert.equal(servers.work.args.slice(2, 7), ["--keys", "A_KEY,default/LATE_TOKEN", "--profile", "work", "--no-config"]);
  expectRun(w.aim(["secrets", "get", "LATE_TOKEN", "--show"]), { code: 0, stdout: "tok-late-literal-1b2c3d4e", stderr: "" });
  for (const [name, value] of [
    ["plain", "tok-new-literal-0a9b8c7d"],
    ["work", "tok-late-literal-1b2c3d4e"],
  ] as const) {
    const started = await startLikeAClient(servers[name], w.env, w.proj);
    assert.is(started.status.sha256, sha(value), `${name}: its key arrived from the profile it was stored in`);
    assert.equal(started.status.keyNames.length, 2, name);
  }
});
profile.run();
