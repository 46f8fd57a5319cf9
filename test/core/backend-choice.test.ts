// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { announceLine, decideBackend } from "../../src/core/backend-choice.js";
import { parseDuration } from "../../src/core/duration.js";

const choice = suite("backend choice");
choice("an explicit keyring or file is obeyed, whatever the machine has, and said nowhere", () => {
  for (const bus of [undefined, "no D-Bus session bus"]) {
    const k = decideBackend("keyring", "AIM_BACKEND", bus);
    assert.equal([k.backend, k.announce, k.reason], ["keyring", false, "chosen by AIM_BACKEND=keyring"]);
    const f = decideBackend("file", "config", bus);
    assert.equal([f.backend, f.announce, f.reason], ["file", false, 'chosen by "backend": "file" in config.json']);
  }
});
choice("auto takes the keyring when a D-Bus session is there, silently", () => {
  const c = decideBackend("auto", "default", undefined);
  assert.equal([c.backend, c.announce], ["keyring", false]);
  assert.match(c.reason, /^auto \(the default\): a D-Bus session is present$/);
});
choice("auto takes the vault without D-Bus, and says so with the reason and how to silence it", () => {
  const c = decideBackend("auto", "AIM_BACKEND", "no D-Bus session bus, so no Secret Service (keyring) can be reached");
  assert.equal([c.backend, c.announce], ["file", true]);
  assert.match(c.reason, /^auto \(AIM_BACKEND=auto\): no D-Bus/);
  const line = announceLine(c, "encrypted file vault /d/vault.age");
  assert.is(
    line,
    'using the encrypted file vault /d/vault.age: no D-Bus session bus, so no Secret Service (keyring) can be reached; set AIM_BACKEND=file (or "backend": "file" in config.json) to choose it and silence this line',
  );
});
choice.run();

const durations = suite("durations");
durations("seconds, minutes, hours", () => {
  assert.is(parseDuration("90"), 90_000);
  assert.is(parseDuration("90s"), 90_000);
  assert.is(parseDuration("30m"), 1_800_000);
  assert.is(parseDuration(" 4h "), 14_400_000);
  assert.is(parseDuration("0.5s"), 500);
});
durations("rejects the rest", () => {
  for (const t of ["", "0", "-1", "4d", "h", "1h30m", "abc"]) assert.is(parseDuration(t), undefined, t);
});
durations.run();
