// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { aimWrapper, looksLikeKey, wrap } from "../../src/mcp/servers.js";

const keys = suite("looksLikeKey");
keys("by name and shape; references, URLs, flags and short values are not keys", () => {
  for (const [name, value] of [
    ["OPENAI_API_KEY", "sk-proj-abcdef123456"],
    ["GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_abcdefghijklmnop0123"],
    ["DB_PASSWORD", "hunter2hunter2"],
    ["WHATEVER", "sk-ant-api03-abcdefghijkl"],
    ["SLACK_BOT_TOKEN", "xoxb-1234-5678-abcdef"],
  ])
    assert.ok(looksLikeKey(name as string, value as string), `${name}`);
  for (const [name, value] of [
    ["API_KEY", "${input:api-key}"],
    ["API_KEY", "${env:OPENAI_API_KEY}"],
    ["API_KEY", "${OPENAI_API_KEY}"],
    ["API_KEY", "$OPENAI_API_KEY"],
    ["API_KEY", "short"],
    ["AUTH_URL", "https://auth.example.com/x"],
    ["TOKEN_LIMIT", "4096"],
    ["LOG_LEVEL", "debug-verbose"],
    ["NOT A NAME", "sk-proj-abcdef123456"],
    ["AUTH", "true"],
  ])
    assert.not.ok(looksLikeKey(name as string, value as string), `${name}=${value}`);
});
keys.run();

const wrapping = suite("wrap and aimWrapper");
const paths = { node: "/usr/bin/node", aim: "/opt/aim/dist/cli.js" };
wrapping("a plain server becomes <node> <aim> exec --keys ... --no-config -- <command> <args>", () => {
  const w = wrap({ command: "npx", args: ["-y", "srv"] }, ["A_KEY", "B_KEY"], paths);
  assert.equal(w, {
    command: "/usr/bin/node",
    args: ["/opt/aim/dist/cli.js", "exec", "--keys", "A_KEY,B_KEY", "--no-config", "--", "npx", "-y", "srv"],
  });
  assert.equal(aimWrapper(w, paths.aim), { keys: ["A_KEY", "B_KEY"], exec: 1 });
  const work = wrap({ command: "x", args: [] }, ["K"], paths, "work");
  assert.equal(work.args.slice(1), ["exec", "--keys", "K", "--profile", "work", "--no-config", "--", "x"]);
  assert.equal(aimWrapper(work, paths.aim), { keys: ["K"], profile: "work", exec: 1 });
});
wrapping("a wrapped server, with or without --no-config, gains keys in its own --keys, once; its options stay", () => {
  const old = { command: "/usr/bin/node", args: [paths.aim, "exec", "--keys", "A_KEY", "--", "srv", "--keys", "zzz"] };
  assert.equal(aimWrapper(old, paths.aim), { keys: ["A_KEY"], exec: 1 }, "wrapped the old way, without --no-config");
  assert.equal(wrap(old, ["B_KEY", "A_KEY"], paths).args, [paths.aim, "exec", "--keys", "A_KEY,B_KEY", "--", "srv", "--keys", "zzz"]);
  const bare = wrap({ command: "aim", args: ["exec", "--", "srv"] }, ["C_KEY"], paths);
  assert.equal(bare, { command: "aim", args: ["exec", "--keys", "C_KEY", "--", "srv"] });
  const inline = wrap({ command: "aim", args: ["exec", "--keys=A_KEY", "--no-config", "--", "srv"] }, ["B_KEY"], paths);
  assert.equal(inline.args, ["exec", "--keys=A_KEY,B_KEY", "--no-config", "--", "srv"]);
  assert.is(aimWrapper({ command: "node", args: ["server.js", "exec"] }, paths.aim), null);
});
wrapping("under --profile P: a wrapper of another profile (or none) gets P/NAME; one of profile Q, without --profile, default/NAME", () => {
  const plain = { command: "aim", args: ["exec", "--keys", "A_KEY", "--no-config", "--", "srv"] };
  assert.equal(wrap(plain, ["B_KEY"], paths, "work").args, ["exec", "--keys", "A_KEY,work/B_KEY", "--no-config", "--", "srv"]);
  const work = { command: "aim", args: ["exec", "--keys", "A_KEY", "--profile", "work", "--", "srv"] };
  assert.equal(wrap(work, ["B_KEY"], paths, "work").args, ["exec", "--keys", "A_KEY,B_KEY", "--profile", "work", "--", "srv"]);
  assert.equal(wrap(work, ["B_KEY"], paths, "home").args, ["exec", "--keys", "A_KEY,home/B_KEY", "--profile", "work", "--", "srv"]);
  assert.equal(wrap(work, ["B_KEY"], paths).args, ["exec", "--keys", "A_KEY,default/B_KEY", "--profile", "work", "--", "srv"]);
});
wrapping.run();
