// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { setTimeout as sleep } from "node:timers/promises";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { collectMessages, log } from "../../src/runtime/log.js";

const collect = suite("collectMessages: the library never prints");
collect("messages inside are kept, uncoloured, and nothing reaches stderr", async () => {
  const write = process.stderr.write;
  const printed: string[] = [];
  process.stderr.write = ((chunk: string) => printed.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const { value, messages } = await collectMessages(async () => {
      log.info("one");
      await sleep(5);
      log.warn("two");
      log.error("three");
      return 42;
    });
    assert.is(value, 42);
    assert.equal(messages, ["one", "two", "three"]);
    log.info("outside");
  } finally {
    process.stderr.write = write;
  }
  assert.equal(printed, ["aim: outside\n"]);
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
