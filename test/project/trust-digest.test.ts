// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { findProjectConfig } from "../../src/project/config.js";
import { fingerprint } from "../../src/project/trust.js";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const digest = suite("trust judges the bytes the keys were parsed from");

digest("a file rewritten after parsing is fingerprinted as parsed, not as re-read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "aim-digest-"));
  const unapproved = "keys: [AIM_T_EXTRA]\n";
  const approved = "keys: [AIM_T_OK]\n";
  writeFileSync(join(dir, ".aimrc"), unapproved);
  const found = await findProjectConfig(dir);
  assert.ok(found);
  assert.equal(found.config, { keys: ["AIM_T_EXTRA"] });
  assert.is(found.sha256, sha(unapproved));
  // Someone puts the approved bytes back between the parse and the trust check.
  writeFileSync(join(dir, ".aimrc"), approved);
  assert.is(fingerprint(found.filepath, found.config, found.sha256).sha256, sha(unapproved));
  // Without the digest the check would see the approved bytes: the race the digest closes.
  assert.is(fingerprint(found.filepath, found.config).sha256, sha(approved));
});
digest.run();
