// execWithKeys(..., { timeout: 0 }) means no timeout, as in Node's own
// child_process; it killed the command at once.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execWithKeys } from "../../src/index.js";
import { apiSandbox } from "../helpers/api.js";

const timeout = suite("execWithKeys: timeout");
timeout("timeout: 0 is no timeout; a positive one still stops the command", async () => {
  const { opts } = apiSandbox();
  const r = await execWithKeys("sh", ["-c", "sleep 0.3; echo done"], { ...opts, timeout: 0 });
  assert.is(r.timedOut, false);
  assert.is(r.exitCode, 0);
  assert.is(r.stdout, "done\n");
  const stopped = await execWithKeys("sh", ["-c", "sleep 5; echo done"], { ...opts, timeout: 100, killAfter: 100 });
  assert.is(stopped.timedOut, true);
  assert.is(stopped.stdout, "");
});
timeout.run();
