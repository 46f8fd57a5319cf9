import { readFileSync } from "node:fs";
import { parseVault, serializeVault } from "./format.js";
import { AimError } from "../../errors.js";
import { writeAtomic } from "../../runtime/jsonfile.js";
import { withLock } from "../../runtime/lock.js";
import type { CheckScope, StoreProvider } from "../provider.js";
import { openWithKey, sealNew, sealWithKey, splitHeader, toBinary } from "./age.js";
import { cachedFileKey, fileKeyFor, newPassphrase } from "./keys.js";
import { workFactor } from "./paths.js";

/** The vault's bytes, or undefined when there is no vault yet. */
export function readVaultBytes(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new AimError("IO", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
}

/** The encrypted file vault: one age file holding a JSON object of every key and value. */
export class VaultStore implements StoreProvider {
  readonly scheme = "store" as const;
  readonly backend = "file" as const;
  readonly location: string;
  readonly scope: string;

  constructor(
    readonly path: string,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.location = `encrypted file vault ${path}`;
    this.scope = `file:${path}`;
  }

  async all(): Promise<Map<string, string>> {
    const bytes = readVaultBytes(this.path);
    if (!bytes) return new Map();
    const bin = await toBinary(bytes, this.path);
    const key = await fileKeyFor(splitHeader(bin, this.path), this.path, this.env);
    return parseVault(await openWithKey(bin, key, this.path), this.path);
  }

  async check({ used }: CheckScope) {
    const { vaultChecks } = await import("./check.js");
    return vaultChecks(this.path, this.env, used);
  }

  async list(): Promise<string[]> {
    return [...(await this.all()).keys()];
  }

  async resolve(keys: readonly string[]): Promise<Map<string, string>> {
    const all = await this.all();
    return new Map(keys.flatMap((k) => (all.has(k) ? [[k, all.get(k) as string] as const] : [])));
  }

  async set(key: string, value: string): Promise<void> {
    await this.update((values) => void values.set(key, value));
  }

  async delete(key: string): Promise<boolean> {
    let had = false;
    await this.update((values) => (had = values.delete(key)));
    return had;
  }

  /**
   * Read-modify-write under the vault's lock, re-reading inside it so that no concurrent
   * update is lost. The key is derived outside the lock (scrypt takes seconds); if another
   * process re-encrypted the vault with a new header meanwhile, derive again and retry.
   * `change` returns false when it changed nothing.
   */
  async update(change: (values: Map<string, string>) => boolean | undefined): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = readVaultBytes(this.path);
      const fresh = before ? undefined : await newPassphrase(this.path, this.env);
      if (before) await fileKeyFor(splitHeader(await toBinary(before, this.path), this.path), this.path, this.env);
      const done = await withLock(this.path, async () => {
        const current = readVaultBytes(this.path);
        if (!current) {
          if (fresh === undefined) return false;
          const values = new Map<string, string>();
          change(values);
          await writeAtomic(this.path, await sealNew(serializeVault(values), fresh, workFactor(this.env)));
          return true;
        }
        const bin = await toBinary(current, this.path);
        const header = splitHeader(bin, this.path);
        const key = cachedFileKey(header);
        if (!key) return false;
        const values = parseVault(await openWithKey(bin, key, this.path), this.path);
        if (change(values) === false) return true;
        // The last good copy first, then the new one: a crash between leaves both readable.
        await writeAtomic(`${this.path}.bak`, current);
        await writeAtomic(this.path, sealWithKey(header, key, serializeVault(values)));
        return true;
      });
      if (done) return;
    }
    throw new AimError("IO", `${this.path} kept changing while aim tried to update it; nothing was changed`, {
      hint: "run the command again",
    });
  }
}
