import { type BackendChoice, decideBackend } from "../core/backend-choice.js";
import { type CheckResult, check, type DoctorReport } from "../core/doctor.js";
import { AimError } from "../errors.js";
import { chooseBackend } from "../store/backend.js";
import { linuxBusProblem } from "../store/keyring/keyring.js";
import { keyringService } from "../runtime/paths.js";
import { vaultPath } from "../store/vault/paths.js";
import { dotenvChecks, mcpChecks } from "./agents.js";
import { configChecks } from "./config.js";
import type { DoctorCheck, DoctorContext } from "./context.js";
import { dirChecks, hookChecks } from "./files.js";
import { entryChecks } from "./entries.js";
import { keyringChecks, probeKeyring } from "./keyring.js";
import { projectChecks } from "./project.js";
import { scanChecks } from "./scan.js";
import { passChecks, teamChecks } from "./team.js";
import { vaultChecks } from "./vault.js";

/** The checks `aim doctor` runs, in order; each returns its findings. */
export const CHECKS: DoctorCheck[] = [
  keyringChecks,
  entryChecks,
  vaultChecks,
  dirChecks,
  configChecks,
  hookChecks,
  projectChecks,
  teamChecks,
  passChecks,
  mcpChecks,
  dotenvChecks,
  scanChecks,
];

/** auto with a bus whose Secret Service does not answer falls back, as AutoStore does at its first call. */
function effectiveChoice(choice: BackendChoice, problem: DoctorContext["keyringProblem"]): BackendChoice {
  if (choice.setting !== "auto" || choice.backend !== "keyring" || problem?.code !== "KEYRING_UNAVAILABLE") return choice;
  return { ...choice, backend: "file", reason: `auto: ${problem.message}`, announce: true };
}

export async function runDoctor(env: NodeJS.ProcessEnv = process.env, checks: DoctorCheck[] = CHECKS): Promise<DoctorReport> {
  let first: CheckResult | undefined;
  let chosen: BackendChoice;
  try {
    chosen = chooseBackend(env);
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    chosen = decideBackend("auto", "default", linuxBusProblem(env));
    first = check("backend", "backend", "fail", err.message, err.hint);
  }
  const keyringProblem = await probeKeyring(env);
  const choice = effectiveChoice(chosen, keyringProblem);
  const vault = vaultPath(env);
  const location = choice.backend === "file" ? `the encrypted file vault ${vault}` : `the OS keyring (service "${keyringService(env)}")`;
  const ctx: DoctorContext = { env, choice, keyringProblem, vault };
  const results: CheckResult[] = [first ?? check("backend", "backend", "ok", `${choice.backend}: ${choice.reason}`)];
  for (const run of checks) results.push(...(await run(ctx)));
  return {
    version: 1,
    ok: !results.some((r) => r.status === "fail"),
    backend: { name: choice.backend, setting: choice.setting, source: choice.source, reason: choice.reason, location },
    checks: results,
  };
}
