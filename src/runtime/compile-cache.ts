import * as nodeModule from "node:module";

/**
 * Node 22.1+ can keep V8's compiled code for aim's files on disk between runs (code only,
 * never data: no secret can land there). Older Nodes lack it and start as before.
 */
export function enableCompileCache(mod: { enableCompileCache?: () => unknown } = nodeModule): boolean {
  if (typeof mod.enableCompileCache !== "function") return false;
  try {
    mod.enableCompileCache();
    return true;
  } catch {
    return false; // a read-only cache folder must never stop aim
  }
}
