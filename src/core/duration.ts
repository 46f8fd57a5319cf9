/** Durations for AIM_VAULT_TIMEOUT and --timeout: `90` (seconds), `90s`, `30m`, `4h`. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/.exec(text);
  if (!m) return undefined;
  const unit = { s: 1, m: 60, h: 3600 }[(m[2] ?? "s") as "s" | "m" | "h"];
  const ms = Number(m[1]) * unit * 1000;
  return ms > 0 ? ms : undefined;
}
