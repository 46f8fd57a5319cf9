// aim broker log: the audit log the broker writes, shown as rows or JSON lines, since a time.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { expectRun, sandbox } from "../helpers/cli.js";

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
