// The benchmark's world: projects with 1, 10 and 50 keys (.aimrc allowed with aim allow,
// the same keys in a .env for dotenvx and an allowed .envrc for direnv), and secrets set
// with `aim secrets set`. Values are dummies made up here: never real secrets.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const keyName = (i) => `BENCH_KEY_${i}`;
export const keyNames = (n, from = 1) => Array.from({ length: n }, (_, i) => keyName(from + i));
const dummy = (name) => `bench-dummy-${name.toLowerCase()}-0123456789abcdef`;

function check(r, what) {
  if (r.error || r.status !== 0) throw new Error(`bench setup: ${what} failed: ${r.error?.message ?? r.stderr}`);
}

export function makeWorld({ node, aim, root, env }) {
  const run = (args, cwd = root) => check(spawnSync(node, [aim, ...args], { cwd, env, encoding: "utf8" }), `aim ${args.join(" ")}`);

  /** A folder with no .aimrc in it or above it. */
  const bare = () => {
    const dir = join(root, "bare");
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  /** A trusted project needing `n` keys, with the same keys for dotenvx and direnv. */
  const project = (n, { direnv = false } = {}) => {
    const dir = join(root, `p${n}`);
    mkdirSync(dir, { recursive: true });
    const names = keyNames(n);
    writeFileSync(join(dir, ".aimrc"), `keys:\n${names.map((k) => `  - ${k}\n`).join("")}`);
    writeFileSync(join(dir, ".env"), names.map((k) => `${k}=${dummy(k)}\n`).join(""));
    writeFileSync(join(dir, ".envrc"), names.map((k) => `export ${k}=${dummy(k)}\n`).join(""));
    run(["allow"], dir);
    if (direnv) check(spawnSync("direnv", ["allow", dir], { env, encoding: "utf8" }), "direnv allow");
    return dir;
  };

  /** Stores each name through `aim secrets set` (value on stdin, never argv), a few at a time. */
  const setSecrets = async (names, parallel = 3) => {
    const queue = [...names];
    const worker = async () => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        const child = spawn(node, [aim, "secrets", "set", name], { cwd: root, env, stdio: ["pipe", "ignore", "pipe"] });
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.stdin.end(dummy(name));
        const code = await new Promise((resolve) => child.on("close", resolve));
        if (code !== 0) throw new Error(`bench setup: aim secrets set ${name} failed: ${err}`);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  };

  return { bare, project, setSecrets };
}
