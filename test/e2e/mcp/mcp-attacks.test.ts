import { chownSync, existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, BACKEND, expectRun } from "../../helpers/cli.js";
import { sha } from "../../helpers/fixture-tools.js";
import { KEY_SERVER, mcpWorld, startLikeAClient } from "../../helpers/mcp.js";

// @both-backends: the file vault too (the GUI warning differs).

// MCP configs built by an attacker (or just odd ones), and a
// wrapped server started by a GUI client that passes no D-Bus address.

const FIRST = "tok-first-entry-1234567890";
const LAST = "tok-last-entry-0987654321";
const noValue = (r: { stdout: string; stderr: string }, ...values: string[]) => {
  for (const v of values) assert.not.ok(r.stdout.includes(v) || r.stderr.includes(v), "a value was printed");
};

const attacks = suite("MCP configs from outside");
attacks("a duplicate server name or env name: secure refuses, naming the duplicate, and changes nothing (item 11)", () => {
  const dupServer = `{"mcpServers": {
  "api": {"command": "api-mcp", "env": {"API_TOKEN": "${FIRST}"}},
  "api": {"command": "api-mcp", "env": {"API_TOKEN": "${LAST}"}}
}}\n`;
  const w = mcpWorld({ ".mcp.json": dupServer });
  const file = join(w.proj, ".mcp.json");
  const r = w.aim(["mcp", "secure"], { cwd: w.proj });
  expectRun(r, { code: 1, stdout: "", stderr: /^aim: .*\.mcp\.json: "mcpServers" names server "api" twice/ });
  noValue(r, FIRST, LAST);
  assert.is(readFileSync(file, "utf8"), dupServer, "nothing changed");
  const listed = w.aim(["mcp", "list"], { cwd: w.proj });
  assert.match(listed.stdout, /! .*names server "api" twice/);
  assert.not.match(listed.stdout, /no literal keys/);

  const dupEnv = `{"mcpServers": {"api": {"command": "api-mcp", "env": {"API_TOKEN": "${FIRST}", "API_TOKEN": "${LAST}"}}}}\n`;
  writeFileSync(file, dupEnv);
  const e = w.aim(["mcp", "secure"], { cwd: w.proj });
  expectRun(e, { code: 1, stdout: "", stderr: /"env" names "API_TOKEN" twice/ });
  assert.is(readFileSync(file, "utf8"), dupEnv);
});
attacks("a config nested 100,000 levels deep: list and doctor report it, no internal error (item 12)", () => {
  const deep = `{"mcpServers": {"x": {"command": "x", "args": ${"[".repeat(100_000)}${"]".repeat(100_000)}}}}`;
  const w = mcpWorld({ ".mcp.json": deep });
  const r = w.aim(["mcp", "list"], { cwd: w.proj });
  expectRun(r, { code: 0, stdout: /\.mcp\.json \(Claude Code, project\)\n {2}! .*nested more than \d+ levels deep/, stderr: /.*/ });
  assert.not.match(r.stderr, /internal error/);
  const d = w.aim(["doctor"], { cwd: w.proj });
  assert.not.match(d.stdout + d.stderr, /internal error|Maximum call stack/);
  assert.match(d.stdout, /nested more than \d+ levels deep/);
});
attacks("a config with a second hard link: secure refuses, the other name would keep the key (item 13)", () => {
  const w = mcpWorld({ ".mcp.json": `{"mcpServers": {"api": {"command": "api-mcp", "env": {"API_TOKEN": "${FIRST}"}}}}\n` });
  const file = join(w.proj, ".mcp.json");
  linkSync(file, join(w.dir, "copy.json"));
  const r = w.aim(["mcp", "secure"], { cwd: w.proj });
  expectRun(r, { code: 1, stdout: "", stderr: /has 2 hard links.*the other name would keep the key/ });
  assert.ok(readFileSync(file, "utf8").includes(FIRST), "not rewritten");
});
attacks("another user's .mcp.json in a shared parent folder: listed as ignored, never stored or rewritten (item 13)", () => {
  if (process.getuid?.() !== 0) throw new Error("this test chowns a file to another user: run it as root (the test container is)");
  const w = mcpWorld({});
  const text = `{"mcpServers": {"theirs": {"command": "x", "env": {"API_TOKEN": "${FIRST}"}}}}\n`;
  const shared = join(w.dir, "work", ".mcp.json");
  writeFileSync(shared, text);
  chownSync(shared, 65534, 65534);
  const r = w.aim(["mcp", "secure"], { cwd: w.proj });
  expectRun(r, { code: 0, stdout: "", stderr: /ignoring .*\.mcp\.json: it belongs to another user \(uid 65534\)/ });
  assert.is(readFileSync(shared, "utf8"), text);
  assert.is(w.aim(["secrets", "get", "API_TOKEN"]).code, 1, "their token is not stored as ours");
  const listed = w.aim(["mcp", "list"], { cwd: w.proj });
  assert.match(listed.stdout, /! ignored: it belongs to another user/);
  // A symlink to a file that is not ours is refused the same way.
  const w2 = mcpWorld({});
  symlinkSync(shared, join(w2.proj, ".mcp.json"));
  expectRun(w2.aim(["mcp", "secure"], { cwd: w2.proj }), { code: 0, stdout: "", stderr: /ignoring .*belongs to another user/ });
});
attacks("names with ESC, OSC and U+202E are printed escaped by list and secure --dry-run (item 14)", () => {
  const evil = "gh\u001b]0;pwned\u0007\u001b[2J\u202eevil";
  const text = JSON.stringify({ mcpServers: { [evil]: { command: "x\u001b[31m", env: { API_TOKEN: FIRST } } } });
  const w = mcpWorld({ ".mcp.json": text });
  for (const args of [["mcp", "list"], ["mcp", "secure", "--dry-run"], ["doctor"]]) {
    const r = w.aim(args, { cwd: w.proj });
    const out = r.stdout + r.stderr;
    assert.not.ok(
      ["\u001b", "\u0007", "\u202e"].some((c) => out.includes(c)),
      `${args.join(" ")} printed a raw control or bidi character`,
    );
    assert.match(out, /gh\\u001b\]0;pwned\\u0007\\u001b\[2J\\u202eevil/, `${args.join(" ")} names the server, escaped`);
    noValue(r, FIRST);
  }
});
attacks.run();

const gui = suite("a secured server started by a GUI client with no DBUS_SESSION_BUS_ADDRESS (item 18)");
gui("the wrapper finds the bus at $XDG_RUNTIME_DIR/bus, as libdbus does", async () => {
  if (BACKEND !== "keyring") return; // the file vault needs no bus
  const address = process.env.DBUS_SESSION_BUS_ADDRESS ?? "";
  const socket = /^unix:path=([^,]+)/.exec(address)?.[1];
  if (!socket) throw new Error(`the test session bus is not a unix:path address: ${address}`);
  const w = mcpWorld({
    ".mcp.json": JSON.stringify({ mcpServers: { k: { command: "node", args: [KEY_SERVER, "API_TOKEN"], env: { API_TOKEN: FIRST } } } }),
  });
  expectRun(w.aim(["mcp", "secure"], { cwd: w.proj }), { code: 0, stdout: "", stderr: /moved API_TOKEN/ });
  const server = parse(readFileSync(join(w.proj, ".mcp.json"), "utf8")).mcpServers.k;
  const runtime = join(w.dir, "run-user");
  mkdirSync(runtime, { mode: 0o700 });
  symlinkSync(socket, join(runtime, "bus"));
  const env = { ...w.env, DBUS_SESSION_BUS_ADDRESS: undefined, XDG_RUNTIME_DIR: runtime };
  const started = await startLikeAClient(server, env, w.proj, ["XDG_RUNTIME_DIR"]);
  assert.is(started.status.sha256, sha(FIRST), `the key arrived; stderr: ${started.stderr}`);
});
gui("aim mcp secure warns when a server started by a GUI client would find no store", () => {
  const w = mcpWorld({ ".mcp.json": JSON.stringify({ mcpServers: { k: { command: "x", env: { API_TOKEN: FIRST } } } }) });
  const r = w.aim(["mcp", "secure"], { cwd: w.proj });
  assert.is(r.code, 0, r.stderr);
  const uid = process.getuid?.() as number;
  if (BACKEND === "file") {
    assert.match(r.stderr, /\naim: AIM_BACKEND=file is set in this shell only: a server started by a GUI client does not get it/);
  } else if (existsSync(`/run/user/${uid}/bus`)) {
    assert.not.match(r.stderr, /GUI client/, "the systemd user bus is there: no warning");
  } else {
    assert.match(
      r.stderr,
      new RegExp(
        `\\naim: a server started by a GUI client gets no DBUS_SESSION_BUS_ADDRESS, and there is no session bus at /run/user/${uid}/bus`,
      ),
    );
  }
});
gui("the bus address is derived from XDG_RUNTIME_DIR, else /run/user/UID", async () => {
  const { sessionBusAddress } = await import("../../../src/store/keyring/session-bus.js");
  assert.is(
    sessionBusAddress({ DBUS_SESSION_BUS_ADDRESS: "unix:path=/x" }, 1000, () => true),
    "unix:path=/x",
  );
  assert.is(
    sessionBusAddress({ XDG_RUNTIME_DIR: "/r" }, 1000, (p) => p === "/r/bus"),
    "unix:path=/r/bus",
  );
  assert.is(
    sessionBusAddress({}, 1000, (p) => p === "/run/user/1000/bus"),
    "unix:path=/run/user/1000/bus",
  );
  assert.is(
    sessionBusAddress({ XDG_RUNTIME_DIR: "/r" }, 1000, () => false),
    undefined,
  );
});
gui.run();
void AIM;
