// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseConnectTo } from "../../src/broker/connect-to.js";
import { knownPrefix, makePlaceholder } from "../../src/broker/placeholder.js";
import { isLoopback, parseAuthority, swapPlaceholders } from "../../src/broker/proxy.js";

const A = { name: "A_KEY", value: "sk-a-value", hosts: ["a.example"], placeholder: "sk-aimAAAA" };
const B = { name: "B_KEY", value: "b value/+=", hosts: ["b.example"], placeholder: "ghp_aimBBBB" };

const swap = suite("swapPlaceholders");
swap("Bearer, x-api-key, x-goog-api-key, api-key; other headers untouched; proxy headers dropped", () => {
  const raw = [
    "Authorization",
    "Bearer sk-aimAAAA",
    "X-Api-Key",
    "ghp_aimBBBB",
    "x-goog-api-key",
    "sk-aimAAAA",
    "api-key",
    "sk-aimAAAA",
    "X-Other",
    "sk-aimAAAA",
    "Proxy-Authorization",
    "Basic eDp5",
  ];
  const r = swapPlaceholders(raw, "/p", [A, B]);
  assert.equal(r.rawHeaders, [
    "Authorization",
    "Bearer sk-a-value",
    "X-Api-Key",
    "b value/+=",
    "x-goog-api-key",
    "sk-a-value",
    "api-key",
    "sk-a-value",
    "X-Other",
    "sk-aimAAAA",
  ]);
  assert.equal(r.found.map((g) => g.name).sort(), ["A_KEY", "B_KEY"]);
});
swap("Basic: decoded, swapped, encoded again", () => {
  const r = swapPlaceholders(["authorization", `Basic ${Buffer.from("x-access-token:ghp_aimBBBB").toString("base64")}`], "/", [A, B]);
  assert.equal(r.rawHeaders, ["authorization", `Basic ${Buffer.from("x-access-token:b value/+=").toString("base64")}`]);
  assert.equal(
    r.found.map((g) => g.name),
    ["B_KEY"],
  );
});
swap("the query string, encoded; found before the caller decides (a key only in the query counts)", () => {
  const r = swapPlaceholders([], "/v1/m?x=1&key=sk-aimAAAA&t=ghp_aimBBBB", [A, B]);
  assert.is(r.path, `/v1/m?x=1&key=sk-a-value&t=${encodeURIComponent("b value/+=")}`);
  assert.equal(r.found.map((g) => g.name).sort(), ["A_KEY", "B_KEY"]);
});
swap("no placeholder: nothing found, nothing changed", () => {
  const r = swapPlaceholders(["Authorization", "Bearer other"], "/p?q=1", [A, B]);
  assert.equal(r.found, []);
  assert.equal(r.rawHeaders, ["Authorization", "Bearer other"]);
  assert.is(r.path, "/p?q=1");
});
swap.run();

const bits = suite("placeholders, CONNECT targets, loopback, AIM_BROKER_CONNECT_TO");
bits("a placeholder keeps the well-known prefix only, and is random", () => {
  assert.is(knownPrefix("sk-ant-api03-xyz"), "sk-ant-api03-");
  assert.is(knownPrefix("AIzaSyXYZ"), "AIza");
  assert.is(knownPrefix("plainvalue"), "");
  const p1 = makePlaceholder("ghp_realtoken123");
  const p2 = makePlaceholder("ghp_realtoken123");
  assert.match(p1, /^ghp_aim[A-Za-z0-9]{40}$/);
  assert.is.not(p1, p2);
  assert.not.ok(p1.includes("realtoken"));
});
bits("parseAuthority and isLoopback", () => {
  assert.equal(parseAuthority("API.openai.com:443"), { host: "api.openai.com", port: 443 });
  assert.equal(parseAuthority("[::1]:8443"), { host: "::1", port: 8443 });
  assert.is(parseAuthority("a.example"), null);
  assert.is(parseAuthority("a b:443"), null);
  assert.is(parseAuthority("a.example:70000"), null);
  assert.ok(isLoopback("127.0.0.1") && isLoopback("127.1.2.3") && isLoopback("localhost") && isLoopback("[::1]"));
  assert.not.ok(isLoopback("10.0.0.1") || isLoopback("127.example") || isLoopback("localhost.example"));
});
bits("AIM_BROKER_CONNECT_TO: curl's format, bad entries named", () => {
  const m = parseConnectTo("api.openai.com:443:127.0.0.1:8443, github.com:443:[::1]:9443");
  assert.equal(m.get("api.openai.com:443"), { host: "127.0.0.1", port: 8443 });
  assert.equal(m.get("github.com:443"), { host: "::1", port: 9443 });
  assert.throws(
    () => parseConnectTo("api.openai.com:443:127.0.0.1"),
    /AIM_BROKER_CONNECT_TO: "api.openai.com:443:127.0.0.1" is not HOST:PORT:ADDR:PORT/,
  );
});
bits.run();
