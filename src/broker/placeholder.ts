import { randomBytes } from "node:crypto";

// Prefixes that SDKs and CLIs check before they send a key (longest first). A placeholder
// keeps the one its value starts with, so the tool takes it for a key of the right kind;
// everything after it is random, so the placeholder says nothing else about the value.
const PREFIXES = [
  "sk-ant-api03-",
  "sk-ant-admin01-",
  "sk-ant-",
  "sk-proj-",
  "sk-svcacct-",
  "sk-or-v1-",
  "sk-",
  "github_pat_",
  "ghp_",
  "gho_",
  "ghu_",
  "ghs_",
  "ghr_",
  "AIza",
  "hf_",
  "gsk_",
  "xai-",
  "glpat-",
];

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `n` random characters of [A-Za-z0-9] (no modulo bias: 62 * 4 = 248 of 256 bytes are kept). */
export function randomToken(n: number): string {
  let out = "";
  while (out.length < n) {
    for (const b of randomBytes(n * 2)) {
      if (b < 248) out += ALPHABET[b % 62];
      if (out.length === n) break;
    }
  }
  return out;
}

/** The well-known prefix `value` starts with, or "". */
export const knownPrefix = (value: string): string => PREFIXES.find((p) => value.startsWith(p)) ?? "";

/**
 * A placeholder for `value`: its well-known prefix (if any), `aim`, then 40 random
 * characters. Never derived from the value beyond that public prefix.
 */
export const makePlaceholder = (value: string): string => `${knownPrefix(value)}aim${randomToken(40)}`;
