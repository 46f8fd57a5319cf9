import { check, type CheckResult } from "../core/doctor.js";
import { AimError } from "../errors.js";
import { forbidPrompts } from "../runtime/prompt-policy.js";
import { MIN_LENGTH, Scan } from "../scan/scan.js";
import { readValues } from "../scan/values.js";
import type { DoctorCheck } from "./context.js";

const TITLE = "values in agents' files and shell histories";

/**
 * A quick `aim scan --agents --shell-history`: where the stored values sit in plain text for
 * any agent or shell user to read. Counts only; `aim scan` names the places. Never prompts
 * (a locked vault makes it a skip).
 */
export const scanChecks: DoctorCheck = async ({ env, keyringProblem, choice }) => {
  if (choice.backend === "keyring" && keyringProblem) return [check("scan", TITLE, "skip", "not searched: the keyring cannot be reached")];
  forbidPrompts();
  let found: Awaited<ReturnType<typeof readValues>>;
  try {
    found = await readValues(process.cwd());
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    return [check("scan", TITLE, "skip", `not searched: ${err.message}`)];
  }
  const wanted = found.values.filter((v) => v.value.length >= MIN_LENGTH);
  if (wanted.length === 0) return [check("scan", TITLE, "skip", "not searched: no stored value to look for")];
  const scan = new Scan(wanted, process.cwd());
  const report = await scan.run({
    cwd: process.cwd(),
    paths: [],
    tree: false,
    staged: false,
    history: false,
    agents: true,
    shellHistory: true,
    env,
  });
  const out: CheckResult[] = [];
  const n = report.findings.length;
  if (n === 0) {
    out.push(check("scan", TITLE, "ok", `none of ${wanted.length} stored value(s) found in ${report.searched} file(s)`));
  } else {
    const keys = new Set(report.findings.map((f) => `${f.profile}/${f.key}`)).size;
    const shell = report.findings.some((f) => f.place === "shell-history");
    out.push(
      check(
        "scan",
        TITLE,
        "warn",
        `${n} place(s) hold the value of ${keys} stored key(s) in plain text (${[...new Set(report.findings.map((f) => f.place))].join(", ")})`,
        `see them with: aim scan --agents --shell-history; rotate those keys${shell ? "; remove them from shell histories with: aim scan --shell-history --fix" : ""}`,
      ),
    );
  }
  if (report.unreadable.length > 0) out.push(check("scan-unreadable", "files aim could not read", "warn", report.unreadable.join(", ")));
  return out;
};
