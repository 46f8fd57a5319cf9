import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Node 24 when AIM_TEST_NODE24 is unset (test/run.mjs sets it from scripts/test-deps.mjs). */
export const NODE24_DEFAULT = "/opt/node24/node_modules/node/bin/node";

/**
 * The Node binary with process.execve (24.x). A test of the execve path that ran on Node 20
 * would test the spawn path and pass for nothing, so a missing Node 24 fails the test.
 */
export function node24(): string {
  const path = process.env.AIM_TEST_NODE24 || NODE24_DEFAULT;
  if (!existsSync(path)) {
    throw new Error(
      `Node 24 is NOT INSTALLED at ${path}: the execve tests cannot run without it. Run: node scripts/test-deps.mjs (it installs Node 24 into ~/.cache/aim-test), or set AIM_TEST_NODE24 to a Node 24 binary`,
    );
  }
  return path;
}

/**
 * A Node binary without process.execve (20.x), for the spawn path: the test runner's own
 * Node when it lacks execve, else AIM_TEST_NODE20 (test/run.mjs sets it from scripts/test-deps.mjs,
 * which installs a Node 20 when the runner's Node has execve). Checked, not assumed.
 */
export function nodeWithoutExecve(): string {
  const hasExecve = (node: string) => spawnSync(node, ["-p", "typeof process.execve"], { encoding: "utf8" }).stdout.trim() !== "undefined";
  const path = typeof (process as { execve?: unknown }).execve === "function" ? process.env.AIM_TEST_NODE20 : process.execPath;
  if (!path || !existsSync(path) || hasExecve(path)) {
    throw new Error(
      `this Node (${process.version}) has process.execve and AIM_TEST_NODE20 (${path ?? "unset"}) names no Node without it: the spawn-path tests need one. Run: node scripts/test-deps.mjs (it installs Node 20 into ~/.cache/aim-test), or set AIM_TEST_NODE20 to a Node 20 binary`,
    );
  }
  return path;
}
