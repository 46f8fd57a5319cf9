/**
 * Where secret values live. Every backend (the OS keyring, the encrypted file vault)
 * implements this and nothing else differs between them.
 */
export interface SecretStore {
  readonly backend: "keyring" | "file";
  /** A human description of where values live, for messages: never a value. */
  readonly location: string;
  /** Which store this is, for its metadata: `keyring:SERVICE` or `file:PATH`. */
  readonly scope: string;
  /** Why the OS keyring is not the store (auto found none), when that is so: keys kept there cannot be read. */
  readonly unreachable?: string;
  /** The values of `keys` that the store holds, fetched in one batch. */
  getMany(keys: readonly string[]): Promise<Map<string, string>>;
  /** Every key and value the store holds. */
  all(): Promise<Map<string, string>>;
  set(key: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
}
