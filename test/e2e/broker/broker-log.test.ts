// aim broker log: the audit log the broker writes, shown as rows or JSON lines, since a time.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROTATE_BYTES } from "../../../src/broker/audit.js";
import { brokeredSh, brokerWorld, keyHeaders } from "../../helpers/broker.js";
import { expectRun, sandbox, succeeds } from "../../helpers/cli.js";

const entry = (minutesAgo: number, over: Record<string, unknown> = {}) => ({
  time: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  session: "a1b2c3d4e5f6",
  key: "OPENAI_API_KEY",
  host: "api.openai.com",
  method: "POST",
  path: "/v1/responses",
  status: 200,
  action: "injected",
  ...over,
});

function world(lines: string[]) {
  const sb = sandbox();
  const data = sb.env.AIM_DATA_DIR as string;
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, "broker.log"), lines.map((l) => `${l}\n`).join(""), { mode: 0o600 });
  return sb;
}

const show = suite("aim broker log");
show("rows, --json, --since a duration or a date", () => {
  const old = entry(3 * 24 * 60, { key: "GITHUB_TOKEN", host: "github.com", method: "GET", path: "/o/r.git/info/refs" });
  const recent = entry(10, { action: "refused", status: 403, host: "api.anthropic.com" });
  const { aim } = world([JSON.stringify(old), JSON.stringify(recent)]);
  const rows = expectRun(aim(["broker", "log"]), { code: 0, stdout: /^.+\n.+\n$/, stderr: "" }).stdout.split("\n");
  assert.is(rows[0], `${old.time}  a1b2c3d4e5f6  injected  200  GITHUB_TOKEN  GET  github.com/o/r.git/info/refs`);
  assert.is(rows[1], `${recent.time}  a1b2c3d4e5f6  refused  403  OPENAI_API_KEY  POST  api.anthropic.com/v1/responses`);
  expectRun(aim(["broker", "log", "--json"]), { code: 0, stdout: `${JSON.stringify(old)}\n${JSON.stringify(recent)}\n`, stderr: "" });
  for (const since of ["30m", "2h", "1d"])
    expectRun(aim(["broker", "log", "--json", "--since", since]), { code: 0, stdout: `${JSON.stringify(recent)}\n`, stderr: "" });
  const day = new Date(Date.now() - 5 * 24 * 3600_000).toISOString().slice(0, 10);
  expectRun(aim(["broker", "log", "--json", "--since", day]), {
    code: 0,
    stdout: `${JSON.stringify(old)}\n${JSON.stringify(recent)}\n`,
    stderr: "",
  });
  expectRun(aim(["broker", "log", "--since", "1m"]), {
    code: 0,
    stdout: "",
    stderr: /^aim: no brokered request in that time in .*broker\.log\n$/,
  });
});
show("bad --since: a usage error with a fix; lines that are not entries are counted, never shown", () => {
  const { aim } = world(["not json", JSON.stringify({ time: "x" }), JSON.stringify(entry(1, { host: "evil\u001b[31m.example" }))]);
  expectRun(aim(["broker", "log", "--since", "yesterday"]), {
    code: 2,
    stdout: "",
    stderr: 'aim: --since "yesterday" is not a duration or a date. E.g. --since 30m, --since 2h, --since 1d, --since 2026-12-07\n',
  });
  const r = expectRun(aim(["broker", "log"]), {
    code: 0,
    stdout: /\n$/,
    stderr: /^aim: .*broker\.log: 2 line\(s\) are not log entries and were left out\n$/,
  });
  assert.not.ok(r.stdout.includes("\u001b"), "text from the file is escaped before it reaches the terminal");
});
show("no log yet: says so, exit 0", () => {
  const sb = sandbox();
  expectRun(sb.aim(["broker", "log"]), { code: 0, stdout: "", stderr: /^aim: no brokered request in .*broker\.log\n$/ });
  expectRun(sb.aim(["broker", "log", "--json"]), { code: 0, stdout: "", stderr: "" });
});
show("--help for the group and for log", () => {
  expectRun(sandbox().aim(["broker", "--help"]), { code: 0, stdout: /aim broker[\s\S]*log/, stderr: "" });
  expectRun(sandbox().aim(["broker", "log", "--help"]), { code: 0, stdout: /--since D[\s\S]*--json/, stderr: "" });
});
show.run();

// Rotation by size: broker.log past ROTATE_BYTES becomes broker.log.1 (replacing the one
// kept before it) at the next brokered request. The log is filled with valid entries to just
// under the limit, then real requests go through `aim exec --broker`.
const rotate = suite("the log is rotated by size");
rotate(
  "past 4 MiB: broker.log.1 holds the old entries, a new broker.log the next; both 0600; broker log shows both, oldest first",
  async () => {
    const VALUE = "sk-proj-rotateOPENAI-6a2f9d0c1e";
    const w = await brokerWorld();
    try {
      succeeds(w.aim(["secrets", "set", "OPENAI_API_KEY"], { input: VALUE }));
      const data = w.env.AIM_DATA_DIR as string;
      const log = join(data, "broker.log");
      mkdirSync(data, { recursive: true });
      // The old file kept from an earlier rotation: the next rotation replaces it.
      writeFileSync(`${log}.1`, `${JSON.stringify(entry(3 * 24 * 60, { session: "0ldf11e0ldf1" }))}\n`, { mode: 0o600 });
      // Just under the limit, written 0644 as by an older aim: the first append makes it 0600.
      const filled: string[] = [];
      let size = 0;
      const fill = (i: number, pad = "") => `${JSON.stringify(entry(60, { session: "f111ed000000", path: `/v1/fill/${i}${pad}` }))}\n`;
      for (let i = 0; size + fill(i).length <= ROTATE_BYTES - 1024; i++) {
        filled.push(fill(i));
        size += fill(i).length;
      }
      // The last one padded so that the file is exactly 32 bytes under the limit: the first
      // request's line takes it past.
      const last = filled.length;
      filled.push(fill(last, "x".repeat(ROTATE_BYTES - 32 - size - fill(last).length)));
      assert.is(filled.join("").length, ROTATE_BYTES - 32);
      writeFileSync(log, filled.join(""), { mode: 0o644 });
      chmodSync(log, 0o644);
      const curl = (path: string) =>
        brokeredSh(
          w,
          "OPENAI_API_KEY",
          `curl -sS https://api.openai.com${path} -H "Authorization: Bearer $OPENAI_API_KEY" -o /dev/null -w '%{http_code}\\n'`,
        );
      // The first request ends past the limit; the second one rotates the file before it writes.
      for (const path of ["/v1/first", "/v1/second", "/v1/third"]) {
        const r = await curl(path);
        assert.is(r.code, 0, r.stderr);
        assert.is(r.stdout, "404\n");
      }
      assert.equal(keyHeaders(w.api.seen), [`Bearer ${VALUE}`, `Bearer ${VALUE}`, `Bearer ${VALUE}`]);
      assert.is(statSync(`${log}.1`).mode & 0o777, 0o600);
      assert.is(statSync(log).mode & 0o777, 0o600);
      const old = readFileSync(`${log}.1`, "utf8");
      const now = readFileSync(log, "utf8");
      assert.ok(old.startsWith(filled.join("")), "broker.log.1 is the filled file");
      assert.not.ok(old.includes("0ldf11e0ldf1"), "the older kept file was replaced");
      assert.equal(
        old
          .slice(filled.join("").length)
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l).path),
        ["/v1/first"],
      );
      assert.equal(
        now
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l).path),
        ["/v1/second", "/v1/third"],
      );
      for (const text of [old, now]) assert.not.ok(text.includes(VALUE), "a log file holds the value");
      const shown = expectRun(w.aim(["broker", "log", "--json"]), { code: 0, stdout: /\n$/, stderr: "" })
        .stdout.trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      assert.is(shown.length, filled.length + 3, "every entry of both files, nothing lost");
      assert.equal(
        shown.map((e) => e.path),
        [...filled.map((l) => JSON.parse(l).path), "/v1/first", "/v1/second", "/v1/third"],
      );
    } finally {
      await w.api.close();
    }
  },
);
rotate.run();
