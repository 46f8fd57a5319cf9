import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type KeyringModule = typeof import("@napi-rs/keyring");

/** The prebuilt binding package @napi-rs/keyring would pick on this Linux machine. */
export function linuxBinding(arch: string, lddScript: string | undefined): string | undefined {
  if (lddScript === undefined || (arch !== "x64" && arch !== "arm64")) return undefined;
  return `@napi-rs/keyring-linux-${arch}-${lddScript.includes("musl") ? "musl" : "gnu"}`;
}

const readLdd = (): string | undefined => {
  try {
    return readFileSync("/usr/bin/ldd", "utf8");
  } catch {
    return undefined;
  }
};

/**
 * Loads the native keyring module. On Linux the package's own loader first requires a
 * .node file beside itself, which an npm install never has: that failed require costs
 * 15–40 ms on the bench machine, more than the look-up. So load the platform package it
 * would end up with directly, and fall back to its loader for anything unusual.
 */
export async function loadKeyringModule(): Promise<KeyringModule> {
  if (process.platform === "linux") {
    const name = linuxBinding(process.arch, readLdd());
    if (name) {
      try {
        const fromLib = createRequire(createRequire(import.meta.url).resolve("@napi-rs/keyring"));
        return fromLib(name) as KeyringModule;
      } catch {
        // not installed under that name: let the package's loader find it
      }
    }
  }
  return import("@napi-rs/keyring");
}
