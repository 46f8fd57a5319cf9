import { parseReference } from "../core/reference.js";
import { openStore } from "./backend.js";
import type { Provider, ProviderContext, Source, StoreProvider } from "./provider.js";
import { PROVIDERS } from "./providers.js";

export type { Source } from "./provider.js";

/**
 * Where one command reads and writes values: the store (keyring or vault, with what its
 * first call learned: that the keyring did not answer and auto fell back to the vault) and
 * each scheme's provider, each opened at first use and then kept for the rest of the
 * command. Open it once per command and pass it down: a second context would read the
 * global config again and forget what the first one learned.
 */
export interface StoreContext extends ProviderContext {
  /** The provider of bare store keys: the keyring or the vault. */
  store(): Promise<StoreProvider>;
  /** The provider of `source`; a scheme this build has no provider for is thrown. */
  provider(source: Source): Promise<Provider>;
}

/** What a command knows before it opens the context; the rest is read at first use. */
export type ContextOptions = Partial<ProviderContext>;

export function openContext(opts: ContextOptions = {}): StoreContext {
  const env = opts.env ?? process.env;
  let store: Promise<StoreProvider> | undefined;
  const loaded = new Map<Source, Promise<Provider>>();
  const ctx: StoreContext = {
    env,
    projectDir: opts.projectDir,
    global: opts.global,
    foreign: opts.foreign,
    store: () => {
      store ??= openStore(env, opts.global);
      return store;
    },
    provider: (source) => {
      if (source === "store") return ctx.store();
      let p = loaded.get(source);
      if (!p) {
        p = PROVIDERS[source](ctx);
        loaded.set(source, p);
      }
      return p;
    },
  };
  return ctx;
}

/** The source that holds a reference, and the path that source knows it by. */
export function sourceOf(text: string): { source: Source; path: string } {
  const ref = parseReference(text);
  return ref.scheme === "store" ? { source: "store", path: text } : { source: ref.scheme, path: ref.path };
}
