import { collectMessages } from "../runtime/log.js";

/**
 * Runs an API call so that nothing below it prints: what aim would have said on stderr (a
 * store's notice, say) is appended to the result's `warnings`.
 */
export async function quietly<T extends { warnings: string[] }>(fn: () => Promise<T>): Promise<T> {
  const { value, messages } = await collectMessages(fn);
  for (const m of messages) if (!value.warnings.includes(m)) value.warnings.push(m);
  return value;
}
