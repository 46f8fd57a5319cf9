import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_PROFILE, profileFlag, safeText } from "../core/names.js";
import { usageError } from "../errors.js";
import { log } from "../runtime/log.js";
import { nextSteps } from "../scan/advice.js";
import { removeEntries } from "../scan/fix.js";
import { installHook } from "../scan/hook.js";
import { type Finding, MIN_LENGTH, Scan, type ScanRequest } from "../scan/scan.js";
import { readValues } from "../scan/values.js";
import type { Input } from "../cli/spec.js";
import type { options } from "./scan.spec.js";

const line = (f: Finding) =>
  `${f.commit ? `${f.commit}:` : ""}${safeText(f.path)}:${f.line}: ${safeText(f.key)} (${f.profile}) [${f.encoding}]`;
const json = (f: Finding) => ({
  path: f.path,
  line: f.line,
  key: f.key,
  profile: f.profile,
  encoding: f.encoding,
  ...(f.commit ? { commit: f.commit } : {}),
});

export async function run({ values, positionals }: Input<typeof options>): Promise<number> {
  const cwd = process.cwd();
  if (values["install-hook"]) {
    if (positionals.length > 0 || values.fix) throw usageError("--install-hook takes no PATH and no --fix");
    const r = await installHook(cwd);
    log.info(
      r.changed
        ? `${safeText(r.path)} now runs aim scan --staged before each commit`
        : `${safeText(r.path)} already runs aim scan --staged`,
    );
    if (r.note) log.warn(safeText(r.note));
    return 0;
  }
  const all = Boolean(values.all);
  const req: ScanRequest = {
    cwd,
    paths: positionals,
    staged: all || Boolean(values.staged),
    history: all || Boolean(values.history),
    agents: all || Boolean(values.agents),
    shellHistory: all || Boolean(values["shell-history"]),
    tree: false,
    gitIfAny: all,
    env: process.env,
  };
  req.tree = all || positionals.length > 0 || !(req.staged || req.history || req.agents || req.shellHistory);
  if (values.fix && (!req.shellHistory || req.tree || req.staged || req.history || req.agents)) {
    throw usageError(
      "--fix only fixes shell histories",
      "run aim scan --shell-history --fix; for other findings aim scan prints the next step",
    );
  }
  const missing = positionals.filter((p) => !existsSync(resolve(cwd, p)));
  if (missing.length > 0)
    throw usageError(
      `no such file or folder: ${missing.map(safeText).join(", ")}`,
      "check the PATH, or leave it out to search the work tree",
    );
  const profile = values.profile === undefined ? undefined : (profileFlag(values.profile) ?? DEFAULT_PROFILE);
  const { values: found, problems } = await readValues(cwd, profile);
  for (const p of problems) log.warn(`${p}: its values are not searched for`);
  const short = found.filter((v) => v.value.length < MIN_LENGTH);
  if (short.length > 0) {
    log.info(
      `not searching for ${short.map((v) => safeText(v.profile === DEFAULT_PROFILE ? v.key : `${v.key} (${v.profile})`)).join(", ")}: shorter than ${MIN_LENGTH} characters, too likely to match by chance`,
    );
  }
  const wanted = found.filter((v) => v.value.length >= MIN_LENGTH);
  if (wanted.length === 0) {
    log.info("no stored value to look for: nothing was searched");
    if (values.json) process.stdout.write("[]\n");
    return 0;
  }
  const scan = new Scan(wanted, cwd);
  const report = await scan.run(req);
  let findings = report.findings;
  if (values.fix) findings = await fix(scan, findings);
  if (values.json) process.stdout.write(`${JSON.stringify(findings.map(json), null, 2)}\n`);
  else process.stdout.write(findings.map((f) => `${line(f)}\n`).join(""));
  if (report.skipped.length > 0)
    log.info(`skipped ${report.skipped.length} large binary file(s), name one to search it: ${report.skipped.map(safeText).join(", ")}`);
  if (report.unreadable.length > 0)
    log.warn(`could not read ${report.unreadable.length} file(s): ${report.unreadable.map(safeText).join(", ")}`);
  if (findings.length === 0) {
    log.info(`no stored value found (${report.searched} file(s) searched, ${wanted.length} value(s) looked for)`);
    return 0;
  }
  log.warn(
    `${findings.length} finding(s) of ${new Set(findings.map((f) => `${f.profile}/${f.key}`)).size} stored key(s); never printed here`,
  );
  for (const step of nextSteps(findings, Boolean(values.fix))) log.info(step);
  return 1;
}

/** Removes the entries found, file by file, then searches those files again: what is left is still a finding. */
async function fix(scan: Scan, findings: Finding[]): Promise<Finding[]> {
  const byFile = new Map<string, Finding>();
  for (const f of findings) if (f.file && f.shell && !byFile.has(f.file)) byFile.set(f.file, f);
  for (const [file, f] of byFile) {
    const n = await removeEntries(file, f.shell as NonNullable<Finding["shell"]>, (buf) => scan.offsets(buf));
    log.info(`removed ${n} entr${n === 1 ? "y" : "ies"} from ${safeText(f.path)}`);
  }
  if (byFile.size > 0) {
    log.info(
      "a shell that is still open keeps those lines in memory and may write them back: close it, or clear its history (bash: history -c; zsh: fc -p)",
    );
  }
  const again = new Scan(scan.values, scan.cwd);
  for (const [file, f] of byFile) await again.file(file, "shell-history", { shell: f.shell, named: true });
  return again.report.findings;
}
