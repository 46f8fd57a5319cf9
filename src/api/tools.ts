import { loadRegistry, type ToolStatus, toolStatuses } from "../project/tools.js";
import { quietly } from "./quiet.js";

export interface ToolList {
  tools: ToolStatus[];
  /** True when the store could not be read: `inStore` is null for every key. */
  degraded: boolean;
  warnings: string[];
}

/**
 * The tool registry as `aim tools --json` shows it: the built-in entries with the user's global
 * config laid over them, whether each is on PATH, its keys and which the store or `env` holds.
 * Never a value. One keyring call for all tools.
 */
export function listTools(options: { env?: NodeJS.ProcessEnv } = {}): Promise<ToolList> {
  return quietly(async () => {
    const { tools, storeError } = await toolStatuses(await loadRegistry(), options.env);
    return { tools, degraded: storeError !== undefined, warnings: storeError ? [storeError.message] : [] };
  });
}
