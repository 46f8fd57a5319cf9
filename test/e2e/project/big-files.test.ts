// A 200 MB .aimrc or package.json took seconds and most of a gigabyte.
// aim reads at most 1 MiB of a project or config file, and says so, naming the limit.
import { mkdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { sandbox } from "../../helpers/cli.js";

const BIG = 200 * 1024 * 1024;
/** A sparse file of `size` bytes that starts with `head`: costs no disk. */
const sparse = (path: string, head: string, size: number) => {
  writeFileSync(path, head);
  truncateSync(path, size);
};

const big = suite("project files larger than aim reads");
for (const name of [".aimrc", "package.json", ".aimrc.json"]) {
  big(`a 200 MB ${name}: exec, status and allow refuse it, naming the limit`, () => {
    const { aim, dir } = sandbox();
    const p = join(dir, "work", "p");
    mkdirSync(p);
    sparse(join(p, name), name === ".aimrc" ? "keys: [A]\n#" : '{"aim": {"keys": ["A"]}, "x": "', BIG);
    const why = `aim: ${name} is ${BIG} bytes, more than the 1 MiB aim reads of a project or config file. Such a file holds key names and a few settings: shorten it, or remove it\n`;
    const r = aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: p });
    assert.is(r.code, 125, r.stderr);
    assert.is(r.stdout, "");
    assert.is(r.stderr, why);
    for (const cmd of [["status"], ["allow"]]) {
      const s = aim(cmd, { cwd: p });
      assert.is(s.code, 1, `${cmd}: ${s.stderr}`);
      assert.is(s.stdout, "");
      assert.is(s.stderr, why, cmd.join(" "));
    }
  });
}
big("a file just under the limit is read as usual", () => {
  const { aim, dir } = sandbox();
  const p = join(dir, "work", "p");
  mkdirSync(p);
  writeFileSync(join(p, ".aimrc"), `keys: [A]\n#${"x".repeat(1024 * 1024 - 20)}\n`);
  const r = aim(["exec", "--", "sh", "-c", "echo ran"], { cwd: p });
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^aim: .*\.aimrc is not allowed/);
});
big.run();

const global = suite("the global config is capped too");
global("a 200 MB config.yaml is refused with the limit", () => {
  const { aim, env } = sandbox();
  mkdirSync(env.AIM_CONFIG_DIR as string, { recursive: true });
  const file = join(env.AIM_CONFIG_DIR as string, "config.yaml");
  sparse(file, "keys: []\n#", BIG);
  const r = aim(["exec", "--", "sh", "-c", "echo ran"]);
  assert.is(r.code, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.is(
    r.stderr,
    `aim: ${file} is ${BIG} bytes, more than the 1 MiB aim reads of a project or config file. Such a file holds key names and a few settings: shorten it, or remove it\n`,
  );
});
global.run();
