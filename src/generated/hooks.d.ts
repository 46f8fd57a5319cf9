// Types for hooks.js, which scripts/gen-hooks.mjs writes from the files in shell/.
import type { ShellName } from "../shells/types.js";

/** Each shell's hook body, with {{NODE}} and {{AIM}} still to fill in. */
export const HOOKS: Record<ShellName, string>;
