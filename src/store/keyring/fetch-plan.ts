// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
/**
 * How to fetch `wanted` keys from a keyring service that holds about `held` entries.
 *
 * Measured on Linux with gnome-keyring (bench/README.md): one findCredentials call
 * costs about 1 ms per entry the service holds, whatever is wanted; one getPassword costs
 * about 11 ms (each opens its own Secret Service session) and concurrent ones do not
 * overlap. So a few keys out of a big service are cheaper one by one, and many keys or a
 * small service in one search.
 */
export const GET_COST_IN_ENTRIES = 10;

export type FetchPlan = "find" | "get";

export function fetchPlan(wanted: number, held: number | undefined): FetchPlan {
  // Unknown size: one batched search, as the design asks; it is never catastrophic.
  if (held === undefined) return "find";
  return wanted * GET_COST_IN_ENTRIES < held ? "get" : "find";
}
