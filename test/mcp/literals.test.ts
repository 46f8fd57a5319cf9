// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { argLiterals, envLiterals, headerLiterals, literalValue, urlFieldLiterals } from "../../src/mcp/literals.js";
import { expandArgs } from "../../src/run/expand-args.js";

const PLACEHOLDERS = ["${VAR}", "${VAR:-default}", "${env:X}", "${input:x}", "{env:X}", "$X", "${{ secrets.X }}"];

const literals = suite("literal keys wherever they sit");
literals("placeholders are never literals, in env, headers, args or URLs", () => {
  for (const p of PLACEHOLDERS) {
    assert.equal(envLiterals({ API_KEY: p }), [], `env ${p}`);
    assert.equal(headerLiterals({ Authorization: `Bearer ${p}`, "X-API-Key": p }, "s"), [], `header ${p}`);
    assert.equal(argLiterals(["--api-key", p, `--token=${p}`, `API_KEY=${p}`, `postgresql://u:${p}@h/db`], "s"), [], `args ${p}`);
    assert.equal(urlFieldLiterals("url", `https://u:${p}@h/mcp/${p}/sse?api_key=${p}`, "s"), [], `url ${p}`);
  }
});
literals("each kind, by field and name, with the value's exact place", () => {
  const env = envLiterals({ GITHUB_TOKEN: "ghp_abcdefghijklmnop0123", DATABASE_URL: "postgresql://u:hunter2hunter2@db/x", LOG: "debug" });
  assert.equal(
    env.map((l) => [l.name, l.key]),
    [
      ["GITHUB_TOKEN", "GITHUB_TOKEN"],
      ["DATABASE_URL", "DATABASE_URL"],
    ],
  );
  const h = headerLiterals(
    { Authorization: "Bearer lin_api_abcdefgh12345678", "X-Figma-Token": "figd_abcdefgh12345678", Accept: "text/plain" },
    "linear",
  );
  assert.equal(
    h.map((l) => [l.name, l.key, literalValue(l)]),
    [
      ["Authorization", "LINEAR_TOKEN", "lin_api_abcdefgh12345678"],
      ["X-Figma-Token", "LINEAR_X_FIGMA_TOKEN", "figd_abcdefgh12345678"],
    ],
  );
  const a = argLiterals(
    [
      "-y",
      "@upstash/context7-mcp",
      "--api-key",
      "ctx7sk-abcdef123456",
      "--access-token=sbp_0123456789abcdef",
      'API_KEY="magic-0123456789abcdef"',
      "postgresql://app:s3cret-pass@localhost/db",
    ],
    "ctx",
  );
  assert.equal(
    a.map((l) => [l.name, l.at, l.key, literalValue(l)]),
    [
      ["--api-key", 3, "CTX_API_KEY", "ctx7sk-abcdef123456"],
      ["--access-token", 4, "CTX_ACCESS_TOKEN", "sbp_0123456789abcdef"],
      ["API_KEY=", 5, "API_KEY", "magic-0123456789abcdef"],
      ["args[6] password", 6, "CTX_PASSWORD", "s3cret-pass"],
    ],
  );
  const u = urlFieldLiterals("url", "https://actions.zapier.com/mcp/sk-ak-Qw7Er2Ty9Ui4Op1As6Df3/sse", "zapier");
  assert.equal(
    u.map((l) => [l.name, l.key, literalValue(l)]),
    [["url path", "ZAPIER_KEY", "sk-ak-Qw7Er2Ty9Ui4Op1As6Df3"]],
  );
  assert.equal(argLiterals(["--port", "8080", "--verbose", "--token-limit", "4096", "https://example.com/mcp/sse"], "s"), []);
});
literals.run();

const expand = suite("aim exec --expand-args");
expand("fills ${NAME} for the keys of --keys only; anything else stays as written", () => {
  const env = { A_KEY: "va", OTHER: "vo" };
  assert.equal(expandArgs(["--k", "${A_KEY}", "x${A_KEY}y", "${OTHER}", "$A_KEY", "${B_KEY}", "$(id)"], ["A_KEY", "B_KEY"], env), [
    "--k",
    "va",
    "xvay",
    "${OTHER}",
    "$A_KEY",
    "${B_KEY}",
    "$(id)",
  ]);
  assert.equal(expandArgs(["${A_KEY}"], ["work/A_KEY"], env), ["va"], "PROFILE/NAME fills NAME");
});
expand.run();
