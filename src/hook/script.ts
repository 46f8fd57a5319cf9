// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
import type { Shell } from "../shells/types.js";

export interface HookPlaceholders {
  /** Absolute path of the node binary (process.execPath). */
  node: string;
  /** Absolute path of aim's entry script. */
  aim: string;
}

/**
 * Fills a hook template from shell/. Paths go in quoted for the shell they are written in,
 * so an install folder with spaces, quotes or `$` stays one word (direnv PR #1616).
 */
export function renderHook(shell: Shell, template: string, paths: HookPlaceholders): string {
  // Replacer functions: a `$&` in a path must not be read as a replacement pattern.
  const filled = template.replaceAll("{{NODE}}", () => shell.quote(paths.node)).replaceAll("{{AIM}}", () => shell.quote(paths.aim));
  const left = filled.match(/\{\{[A-Z_]+\}\}/);
  if (left) throw new Error(`hook template for ${shell.name} has an unknown placeholder ${left[0]}`);
  return filled;
}
