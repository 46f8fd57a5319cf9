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
