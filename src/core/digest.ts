import { createHash } from "node:crypto";

/**
 * The digest that trust records compare. The parse (config-load) and the trust check
 * (trust.ts) must compute it identically, so both call this.
 */
export const sha256Hex = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");
