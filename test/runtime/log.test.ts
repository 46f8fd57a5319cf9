// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { collectMessages, log } from "../../src/runtime/log.js";
import { ROOT } from "../helpers/cli.js";

const collect = suite("collectMessages: the library never prints");
collect("messages inside are kept, uncoloured, and nothing reaches stderr", async () => {
  // aim writes fd 2 directly (process.stderr would make a piped stderr non-blocking, which a
  // command aim execve's would inherit), so what reaches stderr is watched from outside.
  const script = `
    import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
    import { collectMessages, log } from ${JSON.stringify(join(ROOT, "src", "runtime", "log.ts"))};
    const { value, messages } = await collectMessages(async () => {
      log.info("one");
      await sleep(5);
      log.warn("two");
      log.error("three");
      return 42;
    });
    process.stdout.write(JSON.stringify({ value, messages }));
    log.info("outside");
  `;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
  });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { value: 42, messages: ["one", "two", "three"] });
  assert.is(r.stderr, "aim: outside\n");
});
collect("concurrent calls keep their own messages", async () => {
  const run = (name: string, delay: number) =>
    collectMessages(async () => {
      log.warn(`${name}-a`);
      await sleep(delay);
      log.warn(`${name}-b`);
    });
  const [a, b] = await Promise.all([run("a", 20), run("b", 1)]);
  assert.equal(a.messages, ["a-a", "a-b"]);
  assert.equal(b.messages, ["b-a", "b-b"]);
});
collect.run();
