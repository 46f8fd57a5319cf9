// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { SCHEME_NAMES } from "../../src/core/reference.js";
import { openBackend } from "../../src/store/backend.js";
import { PROVIDERS } from "../../src/store/providers.js";
import type { Provider } from "../../src/store/provider.js";

const table = suite("every provider answers the whole interface aim's commands and aim doctor use");
const nowhere = join("/nonexistent", `aim-${process.pid}`);
const env = { ...process.env, PASSWORD_STORE_DIR: join(nowhere, "pass") };

async function everyProvider(): Promise<Array<[string, Provider]>> {
  const schemes = await Promise.all(
    SCHEME_NAMES.map(async (s) => [s, await PROVIDERS[s]({ env, projectDir: undefined })] as [string, Provider]),
  );
  return [["keyring", await openBackend("keyring", env)], ["file", await openBackend("file", env)], ...schemes];
}

table("the keyring, the vault and each scheme's provider implement resolve and check", async () => {
  const all = await everyProvider();
  assert.equal(
    all.map(([name]) => name),
    ["keyring", "file", ...SCHEME_NAMES],
  );
  for (const [name, p] of all) {
    assert.type(p.resolve, "function", `${name}: resolve`);
    assert.type(p.check, "function", `${name}: check (aim doctor reaches every source through it)`);
  }
});

table("a scheme's check finds nothing where the user does not use that source", async () => {
  for (const [name, p] of (await everyProvider()).slice(2)) {
    assert.equal(await p.check?.({ used: false }), [], `${name}: no project, no password store`);
  }
});

table.run();
