// aim doctor with broker: true states what the broker cannot do, and
// says nothing about it where brokering is off.
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { jsonOf, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

type Check = { id: string; title: string; status: string; detail: string; fix: string | null };

const doctor = suite("aim doctor and the broker");
doctor("broker: true: the per-user broker's state and the honest limits, text and --json", () => {
  const { aim, dir } = sandbox({ XDG_RUNTIME_DIR: undefined });
  const proj = layout(join(dir, "work", "b"), { ".aimrc": "keys: [OPENAI_API_KEY]\nbroker: true\n" });
  succeeds(aim(["allow"], { cwd: proj }));
  const r = aim(["doctor"], { cwd: proj });
  assert.is(r.stderr, "");
  assert.match(r.stdout, /^ok\s+per-user broker\s+not running \(the shell hook starts it on entering a project with broker: true\)$/m);
  assert.match(r.stdout, /^warn\s+broker limits\s+the broker keeps a key's value from the agent, not its use: .*aim broker log/m);
  assert.match(r.stdout, /^warn\s+broker limits\s+an agent that can run secret-tool or aim secrets get --show can read the store itself/m);
  assert.match(
    r.stdout,
    /fix: run the agent in a sandbox \(the OS's or the agent's own\) that denies it secret-tool, aim and the keyring's D-Bus socket/,
  );
  const checks = jsonOf(aim(["doctor", "--json"], { cwd: proj })).checks as Check[];
  assert.equal(
    checks.filter((c) => c.id.startsWith("broker")).map((c) => [c.id, c.status]),
    [
      ["broker-process", "ok"],
      ["broker-use", "warn"],
      ["broker-store", "warn"],
    ],
  );
});
doctor("brokering off and no broker running: no broker lines", () => {
  const { aim, dir } = sandbox({ XDG_RUNTIME_DIR: undefined });
  const proj = layout(join(dir, "work", "p"), { ".aimrc": "keys: [OPENAI_API_KEY]\n" });
  succeeds(aim(["allow"], { cwd: proj }));
  const checks = jsonOf(aim(["doctor", "--json"], { cwd: proj })).checks as Check[];
  assert.equal(
    checks.filter((c) => c.id.startsWith("broker")),
    [],
  );
});
doctor.run();
