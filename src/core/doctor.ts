import type { BackendChoice } from "./backend-choice.js";

export type CheckStatus = "ok" | "warn" | "fail" | "skip";

/** One finding. `fix` is the command (or step) that solves it; never a secret value. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  fix: string | null;
}

/** What `aim doctor --json` prints. Fields are only ever added, never renamed. */
export interface DoctorReport {
  version: 1;
  /** True when aim can reach its secrets: no check failed. */
  ok: boolean;
  backend: {
    name: BackendChoice["backend"];
    setting: BackendChoice["setting"];
    source: BackendChoice["source"];
    reason: string;
    location: string;
  };
  checks: CheckResult[];
}

export const check = (id: string, title: string, status: CheckStatus, detail: string, fix?: string): CheckResult => ({
  id,
  title,
  status,
  detail,
  fix: fix ?? null,
});

/** A finding that only matters when its backend is the one in use. */
export const whenUsed = (used: boolean, bad: CheckStatus = "fail"): CheckStatus => (used ? bad : "warn");

const LABEL: Record<CheckStatus, string> = { ok: "ok", warn: "warn", fail: "FAIL", skip: "skip" };

/** The human report: one line a check, the fix indented under it. */
export function renderReport(r: DoctorReport): string {
  const head = r.ok
    ? `aim can reach its secrets: ${r.backend.location}`
    : `aim cannot reach its secrets (${r.backend.location}); the fixes are below`;
  const width = Math.max(...r.checks.map((c) => c.title.length));
  const lines = r.checks.flatMap((c) => [
    `${LABEL[c.status].padEnd(5)} ${c.title.padEnd(width)}  ${c.detail}`,
    ...(c.fix ? [`${" ".repeat(6 + width)}  fix: ${c.fix}`] : []),
  ]);
  return `${head}\n${lines.join("\n")}\n`;
}
