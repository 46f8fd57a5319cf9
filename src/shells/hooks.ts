import { HOOKS as BODIES } from "../generated/hooks.js";
import type { ShellName } from "./types.js";

/**
 * Each shell's hook body, from shell/ with the project-file names filled in at build time
 * (scripts/gen-hooks.mjs, which walks SHELLS); {{NODE}} and {{AIM}} are still to fill in.
 * Kept apart from index.ts so that the hot paths, which need a Shell, never load the text.
 */
export const HOOKS = BODIES satisfies Record<ShellName, string>;
