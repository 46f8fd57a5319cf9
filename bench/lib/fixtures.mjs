// The benchmark's world: projects with 1, 10 and 50 keys (.aimrc allowed with aim allow,
// the same keys in a .env for dotenvx and an allowed .envrc for direnv), and secrets set
// with `aim secrets set` (and 150 fillers for the list with `aim secrets import`). Values
// are dummies made up here: never real secrets.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const keyName = (i) => `BENCH_KEY_${i}`;
export const keyNames = (n, from = 1) => Array.from({ length: n }, (_, i) => keyName(from + i));
const dummy = (name) => `bench-dummy-${name.toLowerCase()}-0123456789abcdef`;

function check(r, what) {
  if (r.error || r.status !== 0) throw new Error(`bench setup: ${what} failed: ${r.error?.message ?? r.stderr}`);
}

/** Everything lives under `world` (inside the session's throwaway HOME), never the repo. */
export function makeWorld({ node, aim, world: root, env }) {
  mkdirSync(root, { recursive: true });
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

  /**
   * Stores each name through `aim secrets set` (value on stdin, never argv), one at a time:
   * gnome-keyring-daemon has been seen to drop off the bus under concurrent writes.
   */
  const setSecrets = async (names, parallel = 1) => {
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

  /**
   * A trusted project reading `n` keys across two profiles: `profile: bench-a` for the
   * first half (plain names), explicit `bench-b/NAME` references for the rest. Returns the
   * folder and the store keys to set.
   */
  const profileProject = (n) => {
    const dir = join(root, `profiles${n}`);
    mkdirSync(dir, { recursive: true });
    const names = keyNames(n);
    const half = Math.ceil(n / 2);
    const entries = names.map((k, i) => (i < half ? `  - ${k}\n` : `  - ${k}: bench-b/${k}\n`));
    writeFileSync(join(dir, ".aimrc"), `profile: bench-a\nkeys:\n${entries.join("")}`);
    run(["allow"], dir);
    return { dir, storeKeys: names.map((k, i) => `${i < half ? "bench-a" : "bench-b"}/${k}`) };
  };

  /** Many fillers at once through `aim secrets import` (dummy values in a throwaway .env). */
  const importSecrets = (names) => {
    const file = join(root, "fillers.env");
    writeFileSync(file, names.map((k) => `${k}=${dummy(k)}\n`).join(""));
    run(["secrets", "import", file]);
    rmSync(file);
  };

  return { bare, project, profileProject, setSecrets, importSecrets };
}
