// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
// The per-user broker's control protocol: what either side accepts from the other socket end.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { validReply, validRequest } from "../../src/broker/user-protocol.js";

const req = suite("requests the broker accepts");
req("status, stop, close and open, well formed", () => {
  assert.equal(validRequest({ op: "status", extra: 1 }), { op: "status" });
  assert.equal(validRequest({ op: "stop" }), { op: "stop" });
  assert.equal(validRequest({ op: "close", shell: 42 }), { op: "close", shell: 42 });
  const keys = [{ name: "OPENAI_API_KEY", value: "v", hosts: ["api.openai.com"], junk: true }];
  assert.equal(validRequest({ op: "open", shell: 42, keys }), {
    op: "open",
    shell: 42,
    keys: [{ name: "OPENAI_API_KEY", value: "v", hosts: ["api.openai.com"] }],
  });
});
req("anything else is refused whole", () => {
  for (const bad of [
    null,
    "status",
    { op: "nope" },
    { op: "close" },
    { op: "close", shell: 0 },
    { op: "close", shell: -1 },
    { op: "close", shell: 1.5 },
    { op: "open", shell: 1 },
    { op: "open", shell: 1, keys: [{ name: "1BAD", value: "v", hosts: [] }] },
    { op: "open", shell: 1, keys: [{ name: "A; rm -rf /", value: "v", hosts: [] }] },
    { op: "open", shell: 1, keys: [{ name: "A", value: 5, hosts: [] }] },
    { op: "open", shell: 1, keys: [{ name: "A", value: "v", hosts: [1] }] },
    { op: "open", shell: 1, keys: [null] },
  ])
    assert.is(validRequest(bad), null, JSON.stringify(bad));
});
req.run();

const reply = suite("replies the client accepts");
reply("an env keeps only variable names and strings without NUL; a status needs its numbers", () => {
  const r = validReply({
    ok: true,
    env: { OPENAI_API_KEY: "sk-aimX", "BAD NAME": "x", "$(x)": "y", NUM: 5, NUL: "a\0b" },
    status: {
      pid: 7,
      port: 8,
      idleMs: 9,
      idleLimitMs: 10,
      startedAt: "t",
      sessions: [{ shell: 3, keys: ["K", "no such"], openedAt: "u" }, { shell: "x" }],
    },
  });
  assert.equal(r.env, { OPENAI_API_KEY: "sk-aimX" });
  assert.equal(r.status, {
    pid: 7,
    port: 8,
    startedAt: "t",
    idleMs: 9,
    idleLimitMs: 10,
    sessions: [{ shell: 3, keys: ["K"], openedAt: "u" }],
  });
  assert.is(validReply({ ok: true, status: { pid: "7" } }).status, undefined);
  assert.equal(validReply("no"), { ok: false, message: "a reply that is not an object" });
  assert.is(validReply({ ok: "yes" }).ok, false);
});
reply.run();
