/**
 * State that must exist once per process. dist/ bundles each lazily loaded unit on its own
 * (scripts/build.mjs), so a module used by two units has two copies, each with its own
 * module-level variables: a flag set by one copy would not be seen by the other. Such state
 * lives here, under a process-wide key, instead. The build refuses module-level mutable
 * state in a copied module unless it is on its list of harmless caches.
 */
export function processState<T extends object>(name: string, init: () => T): T {
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`aim.state.${name}`);
  registry[key] ??= init();
  return registry[key];
}
