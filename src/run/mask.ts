// @pure: no I/O (scripts/check-layers.mjs checks it); unit-tested without a keyring.
/** `sk-a…9f2`: enough to recognise a key, never enough to use it. */
export function maskValue(value: string): string {
  const chars = [...value];
  if (chars.length <= 8) return "*".repeat(Math.max(chars.length, 3));
  return `${chars.slice(0, 4).join("")}…${chars.slice(-3).join("")}`;
}
