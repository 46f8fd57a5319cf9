import { spawnSync } from "node:child_process";
import { join } from "node:path";

/**
 * The environment for `dbus-run-session` with a keyring of its own: `env` with HOME, the
 * runtime and data folders in `home`, no inherited bus address, and NODE set to this Node.
 */
export function privateSessionEnv(env: NodeJS.ProcessEnv, home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...env,
    HOME: home,
    XDG_RUNTIME_DIR: home,
    XDG_DATA_HOME: join(home, "data"),
    DBUS_SESSION_BUS_ADDRESS: undefined,
    NODE: process.execPath,
    ...extra,
  };
}

/**
 * Plants an item in the real Secret Service as another program would: secret-tool, with
 * aim's service and account attributes plus any extra ones (Python's keyring adds
 * `application`). The value travels on stdin, as bytes.
 */
export function plant(env: NodeJS.ProcessEnv, name: string, value: string | Buffer, extra: Record<string, string> = {}): void {
  const attrs = ["service", env.AIM_KEYRING_SERVICE as string, "username", name, ...Object.entries(extra).flat()];
  const r = spawnSync("secret-tool", ["store", "--label=planted", ...attrs], { env, input: value });
  if (r.error || r.status !== 0)
    throw new Error(`secret-tool store failed (is libsecret-tools installed?): ${r.error?.message ?? r.stderr}`);
}

/** Every item secret-tool finds for `name` (value and attributes), to check what is left. */
export function items(env: NodeJS.ProcessEnv, name: string): string {
  const r = spawnSync("secret-tool", ["search", "--all", "service", env.AIM_KEYRING_SERVICE as string, "username", name], {
    env,
    encoding: "utf8",
  });
  if (r.error) throw new Error(`secret-tool is missing: ${r.error.message}`);
  return `${r.stdout}${r.stderr}`;
}

/**
 * Plants a value of any size through the Secret Service API itself (secret-tool caps values
 * at 8 KiB), from a separate process, as another program would.
 */
export function plantLarge(env: NodeJS.ProcessEnv, name: string, size: number, fill = "z"): void {
  const code = `require("@napi-rs/keyring").Entry && new (require("@napi-rs/keyring").Entry)(process.env.AIM_KEYRING_SERVICE, ${JSON.stringify(name)}).setPassword(${JSON.stringify(fill)}.repeat(${size}))`;
  const r = spawnSync(process.execPath, ["-e", code], { env, encoding: "utf8", cwd: new URL("../..", import.meta.url).pathname });
  if (r.status !== 0) throw new Error(`planting ${name} failed: ${r.stderr}`);
}
