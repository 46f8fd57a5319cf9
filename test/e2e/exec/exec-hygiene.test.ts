import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AIM, filesContaining, sandbox, succeeds } from "../../helpers/cli.js";
import { layout } from "../../helpers/project.js";

const SENTINEL = "sk-hygiene-SENTINEL-93f0a1c7";
const node = process.execPath;

function trusted(aimrc: string, secrets: Record<string, string>) {
  const sb = sandbox();
  const proj = layout(join(sb.dir, "work", "proj"), { ".aimrc": aimrc });
  for (const [k, v] of Object.entries(secrets)) assert.is(sb.aim(["secrets", "set", k], { input: v }).code, 0);
  succeeds(sb.aim(["allow"], { cwd: proj }));
  return { ...sb, proj };
}

const mask = suite("aim exec --mask");
mask("replaces values in stdout and stderr, also when split across chunks", () => {
  const { aim, proj } = trusted("keys: [AIM_T_M]\n", { AIM_T_M: SENTINEL });
  const child = `const s = process.env.AIM_T_M;
    process.stdout.write("a:" + s.slice(0, 7));
    setTimeout(() => { process.stdout.write(s.slice(7) + ":b\\n"); process.stderr.write("e:" + s + "\\n"); }, 150);`;
  const masked = aim(["exec", "--mask", "--", node, "-e", child], { cwd: proj });
  assert.is(masked.code, 0, masked.stderr);
  assert.is(masked.stdout, "a:*****:b\n");
  assert.is(masked.stderr, "e:*****\n");
  const plain = aim(["exec", "--", node, "-e", child], { cwd: proj });
  assert.is(plain.code, 0);
  assert.is(plain.stderr, `e:${SENTINEL}\n`);
  assert.is(plain.stdout, `a:${SENTINEL}:b\n`, "without --mask output is untouched");
});
mask("a prefix that never completes the secret is passed through at the end", () => {
  const { aim, proj } = trusted("keys: [AIM_T_M]\n", { AIM_T_M: SENTINEL });
  const r = aim(["exec", "--mask", "--", "printf", "%s", SENTINEL.slice(0, 10)], { cwd: proj });
  assert.is(r.code, 0);
  assert.is(r.stderr, "");
  assert.is(r.stdout, SENTINEL.slice(0, 10));
});
mask.run();

const npm = suite("a real npm script");
npm('"dev": "aim exec -- node -e ..." run with npm run sees the key', () => {
  const { aim, proj, env, dir } = trusted("keys: [AIM_T_NPM]\n", { AIM_T_NPM: SENTINEL });
  const bin = join(dir, "bin");
  mkdirSync(bin);
  symlinkSync(AIM, join(bin, "aim"));
  chmodSync(AIM, 0o755);
  layout(proj, {
    "package.json": JSON.stringify({
      name: "fixture",
      private: true,
      scripts: { dev: `aim exec -- node -e "process.stdout.write(String(process.env.AIM_T_NPM === '${SENTINEL}'))"` },
    }),
  });
  const r = spawnSync("npm", ["run", "-s", "dev"], {
    cwd: proj,
    env: { ...env, PATH: `${bin}:${env.PATH}` },
    encoding: "utf8",
  });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, "true");
  void aim;
});
npm.run();

const strace = suite("secret hygiene under strace");
const have = spawnSync("strace", ["-V"]).status === 0;

/** Lines of an strace log that carry the sentinel in a write to a file or in an execve argv. */
function leaks(log: string): string[] {
  return log.split("\n").filter((line) => line.includes(SENTINEL) && /\b(execve|write|pwrite64|writev)\(/.test(line));
}

strace("the value is in no execve argv and no write, only in the child's envp", () => {
  assert.ok(have, "strace is NOT INSTALLED: apt-get install strace");
  const { proj, env, dir } = trusted("keys: [AIM_T_S]\n", { AIM_T_S: SENTINEL });
  const log = join(dir, "strace.log");
  const child = "process.exit(process.env.AIM_T_S.length > 0 ? 0 : 3)";
  const r = spawnSync(
    "strace",
    ["-f", "-s", "65536", "-e", "trace=execve,write,pwrite64,writev", "-o", log, node, AIM, "exec", "--", node, "-e", child],
    {
      cwd: proj,
      env,
      encoding: "utf8",
    },
  );
  assert.is(r.status, 0, r.stderr);
  const text = readFileSync(log, "utf8");
  assert.ok(text.split("\n").filter((l) => l.includes("execve(")).length >= 2, "strace must have seen aim start the child");
  assert.equal(leaks(text), []);
  // With -v strace prints envp too: the value must be there, proving the scan can see it.
  const logV = join(dir, "strace-v.log");
  spawnSync("strace", ["-f", "-v", "-s", "65536", "-e", "trace=execve", "-o", logV, node, AIM, "exec", "--", node, "-e", child], {
    cwd: proj,
    env,
  });
  assert.ok(readFileSync(logV, "utf8").includes(SENTINEL), "the child's envp holds the value");
  assert.equal(
    filesContaining(dir, SENTINEL).filter((f) => !f.endsWith("strace-v.log")),
    [],
  );
});
strace("the scan catches a value on argv (the test can fail)", () => {
  const { env, dir } = sandbox();
  const log = join(dir, "strace.log");
  spawnSync("strace", ["-f", "-s", "65536", "-e", "trace=execve", "-o", log, node, AIM, "exec", "--no-config", "--", "true", SENTINEL], {
    env,
  });
  assert.is(leaks(readFileSync(log, "utf8")).length > 0, true);
});
strace.run();
