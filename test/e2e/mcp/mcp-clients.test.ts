import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ParseError, parse as parseJsonc } from "jsonc-parser";
import { parse as parseToml } from "smol-toml";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseDocument } from "yaml";
import { AIM, expectRun, jsonOf } from "../../helpers/cli.js";
import { sha } from "../../helpers/fixture-tools.js";
import { type ClientFixture, changedLines, FIXTURES, K, serverLines } from "../../helpers/mcp-clients.js";
import { mcpWorld, startLikeAClient } from "../../helpers/mcp.js";
import { layout } from "../../helpers/project.js";
import { requireTool } from "../../helpers/tools.js";

// @both-backends: the moved values land in the keyring, and in the file vault.

interface Listed {
  client: string;
  path: string;
  problems: string[];
  servers: Array<{ name: string; secrets: Array<{ field: string; name: string; key: string; fix: string; action: string }> }>;
}

/** Every client's fixture where that client keeps it: HOME for ~/, the project for ./ */
function world() {
  const w = mcpWorld({});
  const files = new Map<ClientFixture, string>();
  for (const f of FIXTURES) {
    const [base, rel] = f.at.startsWith("~/") ? [w.home, f.at.slice(2)] : [w.proj, f.at.slice(2)];
    layout(base, { [rel]: f.text });
    files.set(f, join(base, rel));
  }
  return { ...w, files };
}

/** Parses a file strictly in its own format; throws on any error. */
function parseOwn(format: ClientFixture["format"], text: string): unknown {
  if (format === "json") return JSON.parse(text);
  if (format === "jsonc") {
    const errors: ParseError[] = [];
    const doc = parseJsonc(text, errors, { allowTrailingComma: true });
    if (errors.length > 0) throw new Error(`JSONC errors: ${JSON.stringify(errors)}`);
    return doc;
  }
  if (format === "toml") return parseToml(text);
  const doc = parseDocument(text, { strict: true, uniqueKeys: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) throw new Error(`YAML: ${doc.errors.concat(doc.warnings).join("; ")}`);
  return doc.toJS();
}

const VALUES: string[] = Object.values(K);
const noValue = (text: string, what: string) => {
  for (const v of VALUES) assert.not.ok(text.includes(v), `${what} holds a value (${v.slice(0, 6)}…)`);
};
// Headers of clients with no way to name a key stay, reported with the manual fix.
const MANUAL: Record<string, string[]> = { Zed: ["linear"], Goose: ["notion"] };

const clients = suite("every client's MCP config (fixtures from the clients' docs and the servers' READMEs)");
clients("list --json names every literal, by server, field and name, and no placeholder; never a value", () => {
  const w = world();
  const r = w.aim(["mcp", "list", "--json"], { cwd: w.proj });
  noValue(r.stdout + r.stderr, "list's output");
  const listed = jsonOf(r) as Listed[];
  for (const f of FIXTURES) {
    const file = listed.find((l) => l.path === w.files.get(f));
    assert.ok(file, `${f.client}'s ${f.at} was found`);
    assert.is(file?.client, f.client, f.at);
    assert.equal(file?.problems, [], `${f.client}: ${file?.problems}`);
    const got = Object.fromEntries(
      (file?.servers ?? []).filter((s) => s.secrets.length > 0).map((s) => [s.name, s.secrets.map((k) => `${k.field}:${k.name}`)]),
    );
    assert.equal(got, f.secrets, `${f.client}: the literals reported`);
  }
  const human = w.aim(["mcp", "list"], { cwd: w.proj });
  noValue(human.stdout + human.stderr, "list's output");
  assert.match(human.stdout, /linear +LITERAL KEYS: Authorization \(headers\)\n {4}Authorization: manual: Zed no way to name a key here/);
  assert.match(human.stdout, /Authorization: into the store as LINEAR_TOKEN; Claude Code gets the header from headersHelper/);
});
clients("secure: each file parses in its own format, keeps its comments, holds no value; a second run is byte-identical", async () => {
  requireTool("strace");
  const w = world();
  const log = join(w.dir, "strace.log");
  const r = spawnSync(
    "strace",
    ["-f", "-qq", "-y", "-s", "65536", "-e", "trace=write,pwrite64,writev,execve", "-o", log, process.execPath, AIM, "mcp", "secure"],
    { cwd: w.proj, env: w.env, encoding: "utf8" },
  );
  expectRun({ code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }, { code: 0, stdout: "", stderr: /restart / });
  noValue(r.stdout + r.stderr, "secure's output");
  assert.match(r.stderr, /server linear: Authorization \(headers\) stays: Zed has no way to name a key there/);
  const lines = readFileSync(log, "utf8").split("\n");
  const fileWrites = lines.filter((l) => /^\d+ +(write|pwrite64|writev)\(\d+<\//.test(l));
  assert.ok(fileWrites.length > 0, "strace saw the writes");
  for (const l of [...fileWrites, ...lines.filter((l) => /execve\(/.test(l))]) {
    // Zed's and Goose's manual headers stay in their own files, which are rewritten around them.
    const own = /zed\/settings\.json|goose\/config\.yaml/.test(l) ? l.replace(K.linear, "").replace(K.notion, "") : l;
    noValue(own, `a write or execve (${l.slice(0, 80)})`);
  }

  const after = new Map<ClientFixture, string>();
  for (const f of FIXTURES) {
    const path = w.files.get(f) as string;
    const text = readFileSync(path, "utf8");
    after.set(f, text);
    assert.ok(text.includes(f.keeps), `${f.client}: ${f.keeps} kept`);
    // Every line that changed sits in a server that was secured.
    const secured = serverLines(
      f,
      Object.keys(f.secrets).filter((n) => !(MANUAL[f.client] ?? []).includes(n) || f.client === "Zed"),
    );
    for (const line of changedLines(f.text, text)) {
      assert.ok(
        secured.some(([a, b]) => line >= a && line <= b),
        `${f.client}: line ${line + 1} changed outside the secured servers: ${JSON.stringify(f.text.split("\n")[line])}`,
      );
    }
    parseOwn(f.format, text);
    const manual = MANUAL[f.client] ?? [];
    const stays: string[] = manual.length > 0 ? [K.linear, K.notion] : [];
    for (const v of VALUES.filter((v) => !stays.includes(v))) assert.not.ok(text.includes(v), `${f.client}: a value stayed in ${f.at}`);
  }
  const listed = jsonOf(w.aim(["mcp", "list", "--json"], { cwd: w.proj })) as Listed[];
  const left = listed.flatMap((l) => l.servers.filter((s) => s.secrets.length > 0).map((s) => `${l.client}/${s.name}`));
  assert.equal(left.sort(), ["Goose/notion", "Zed/linear"], "only the keys with no client mechanism are left, and still reported");

  const again = w.aim(["mcp", "secure"], { cwd: w.proj });
  assert.is(again.code, 0, again.stderr);
  for (const f of FIXTURES)
    assert.is(readFileSync(w.files.get(f) as string, "utf8"), after.get(f), `${f.client}: a second run changed the file`);

  // Two servers each with their own API_KEY (Cline's docs): two store keys.
  assert.is(w.aim(["secrets", "get", "weather/API_KEY", "--show"]).stdout, K.clineA);
  assert.is(w.aim(["secrets", "get", "news/API_KEY", "--show"]).stdout, K.clineB);

  // A real MCP client starts each rewritten stdio server; the key arrives.
  for (const f of FIXTURES.filter((f) => f.started)) {
    const s = f.started as NonNullable<ClientFixture["started"]>;
    const doc = parseOwn(f.format, after.get(f) as string) as Record<string, unknown>;
    const server = serverIn(f, doc, s.server);
    const started = await startLikeAClient(server, w.env, w.proj);
    assert.is(started.status.sha256, sha(s.value), `${f.client}: the key arrived (${started.stderr})`);
    if (f.client === "Claude Code")
      assert.ok(started.status.argsSha256.includes(sha(K.magic)), "the --api-key argument was filled by aim exec");
  }

  // Claude Code's headersHelper, run as Claude Code runs it (through a shell), prints the header.
  const cc = parseOwn("json", after.get(FIXTURES[0] as ClientFixture) as string) as {
    mcpServers: Record<string, { headersHelper?: string }>;
  };
  const helper = cc.mcpServers.linear?.headersHelper as string;
  assert.ok(helper, "linear has a headersHelper");
  const h = spawnSync("sh", ["-c", helper], { env: w.env, encoding: "utf8" });
  assert.is(h.status, 0, h.stderr);
  assert.equal(JSON.parse(h.stdout), { Authorization: `Bearer ${K.linear}` });
});
clients.run();

/** The command and args a client starts a server with, from its own document. */
function serverIn(f: ClientFixture, doc: Record<string, unknown>, name: string): { command: string; args: string[] } {
  if (f.client === "opencode") {
    const [command, ...args] = ((doc.mcp as Record<string, { command: string[] }>)[name]?.command ?? []) as string[];
    return { command: command as string, args };
  }
  if (f.client === "Codex") return (doc.mcp_servers as Record<string, { command: string; args: string[] }>)[name] as never;
  if (f.client === "Continue")
    return (doc.mcpServers as Array<{ name: string; command: string; args: string[] }>).find((s) => s.name === name) as never;
  if (f.client === "Goose") {
    const s = (doc.extensions as Record<string, { cmd: string; args: string[] }>)[name] as { cmd: string; args: string[] };
    return { command: s.cmd, args: s.args };
  }
  return (doc.mcpServers as Record<string, { command: string; args: string[] }>)[name] as never;
}
