// Runs test files in this process through uvu's own queue, as uvu's CLI does, and writes
// the counts that uvu's runners return to a JSON file: test/run.mjs adds them up for the
// closing line, so no total is ever read back from uvu's printed text.
//   node --import tsx test/helpers/uvu-driver.mjs <results.json> <file.test.ts>...
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const testDir = fileURLToPath(new URL("..", import.meta.url));
const [results, ...files] = process.argv.slice(2);
if (results === undefined) throw new Error("usage: uvu-driver.mjs <results.json> <file>...");

// As under uvu's CLI: a suite's .run() queues it in UVU_QUEUE[UVU_INDEX] instead of
// running at once, and each queued runner resolves to [errors | true, passed, skipped, total].
globalThis.UVU_DEFER = 1;
await import("uvu");
const queue = globalThis.UVU_QUEUE;
const totals = { passed: 0, failed: 0, skipped: 0 };

for (const [i, file] of files.entries()) {
  globalThis.UVU_INDEX = i;
  queue.push([relative(testDir, file)]);
  try {
    await import(pathToFileURL(file).href);
  } catch (err) {
    // A file that cannot load has tests that never ran: that is a failure, not a pass.
    console.error(`\n  FAIL  ${relative(testDir, file)} did not load:\n${err?.stack ?? err}\n`);
    totals.failed++;
  }
}

for (const [name, ...runners] of queue) {
  process.stdout.write(`${name}\n`);
  for (const run of runners) {
    const [errors, passed, skipped, total] = await run();
    totals.passed += passed;
    totals.skipped += skipped;
    totals.failed += total - passed;
    if (errors !== true) process.stdout.write(`\n${errors}\n`);
  }
}

writeFileSync(results, JSON.stringify(totals));
process.exitCode = totals.failed > 0 ? 1 : 0;
