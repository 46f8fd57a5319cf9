import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * The digest that trust records compare. The parse (config-load) and the trust check
 * (trust.ts) must compute it identically, so both call this.
 *
 * SHA-256 from @noble/hashes (pure JS, the hash the age library already bundles) rather than
 * node:crypto: this runs on every `aim exec` and `cd` in a trusted project, and loading
 * node:crypto there cost more than the hash. Initialising OpenSSL is about a quarter of
 * `node -e 0` in instructions, and once the crypto binding is in, aim exec must wait for
 * Node 24's NODE_EXTRA_CA_CERTS read before its execve (src/run/execve.ts), which parses
 * the whole system bundle: more than `node -e 0` again (bench/README.md, "Keyring path").
 * The digest is the same SHA-256 of the same bytes (a string as UTF-8), so records made
 * before still match.
 */
export const sha256Hex = (data: string | Uint8Array): string => bytesToHex(sha256(typeof data === "string" ? utf8ToBytes(data) : data));
