import type { SchemeName } from "../core/reference.js";
import type { SecretStore } from "./store.js";

/** What a provider may know about the command it serves. */
export interface ProviderContext {
  env: NodeJS.ProcessEnv;
  /** The folder of the governing project file, for providers that read the project's files (team:). */
  projectDir: string | undefined;
}

/**
 * One source of values behind one kind of reference: the store (keyring or vault) for store
 * keys, a provider per scheme for `SCHEME:PATH` (DESIGN "Team files and providers"). The
 * resolve step (store/resolve.ts) asks each provider once per command for all of its paths.
 * Only `resolve` is required; the others are what `aim secrets`, `aim team` or `aim doctor`
 * use where a provider supports them.
 */
export interface Provider {
  readonly scheme: "store" | SchemeName;
  /** Where the values live, for messages: never a value. */
  readonly location: string;
  /** The values of those `paths` the source holds, in one batch; a path it lacks is absent. */
  resolve(paths: readonly string[]): Promise<Map<string, string>>;
  set?(path: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete?(path: string): Promise<boolean>;
  /** Every path the source holds, without values. */
  list?(): Promise<string[]>;
  /** Every path the source holds with its value, in one batch (aim scan, which looks for them all). */
  all?(): Promise<Map<string, string>>;
  /** A sentence on what is wrong, or undefined when the source can be read (aim doctor). */
  check?(): Promise<string | undefined>;
}

/** The keyring or vault as the provider of store keys (`NAME`, `PROFILE/NAME`). */
export function storeProvider(store: SecretStore): Provider {
  return {
    scheme: "store",
    get location() {
      return store.location;
    },
    resolve: (keys) => store.getMany(keys),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    list: async () => [...(await store.all()).keys()],
    all: () => store.all(),
  };
}
