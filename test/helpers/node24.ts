import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Where .ci/run installs Node 24 (npm's `node` package), unless AIM_TEST_NODE24 says otherwise. */
export const NODE24_DEFAULT = "/opt/node24/node_modules/node/bin/node";

/**
 * The Node binary with process.execve (24.x). A test of the execve path that ran on Node 20
 * would test the spawn path and pass for nothing, so a missing Node 24 fails the test.
 */
export function node24(): string {
  const path = process.env.AIM_TEST_NODE24 || NODE24_DEFAULT;
  if (!existsSync(path)) {
    throw new Error(
      `Node 24 is NOT INSTALLED at ${path}: the execve tests cannot run without it. Install it: npm i --prefix /opt/node24 node@24 (or set AIM_TEST_NODE24 to a Node 24 binary; .ci/run does both)`,
    );
  }
  return path;
}

/**
 * A Node binary without process.execve (20.x), for the spawn path: the test runner's own
 * Node when it lacks execve, else AIM_TEST_NODE20 (.ci/run sets it to the machine's Node 20
 * before it runs the suite on Node 22 and 24, which have execve). Checked, not assumed.
 */
export function nodeWithoutExecve(): string {
  const hasExecve = (node: string) => spawnSync(node, ["-p", "typeof process.execve"], { encoding: "utf8" }).stdout.trim() !== "undefined";
  const path = typeof (process as { execve?: unknown }).execve === "function" ? process.env.AIM_TEST_NODE20 : process.execPath;
  if (!path || !existsSync(path) || hasExecve(path)) {
    throw new Error(
      `this Node (${process.version}) has process.execve and AIM_TEST_NODE20 (${path ?? "unset"}) names no Node without it: the spawn-path tests need one. Set AIM_TEST_NODE20 to a Node 20 binary (.ci/run sets it to the machine's node)`,
    );
  }
  return path;
}
