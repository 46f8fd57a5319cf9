import { type BackendChoice, decideBackend } from "../core/backend-choice.js";
import { type CheckResult, check, type DoctorReport } from "../core/doctor.js";
import { SCHEME_NAMES, type SchemeName } from "../core/reference.js";
import { AimError } from "../errors.js";
import { foreignReason } from "../project/ownership.js";
import { projectDirOf } from "../project/team.js";
import { keyringService } from "../runtime/paths.js";
import { chooseBackend, openBackend } from "../store/backend.js";
import { openContext, type StoreContext } from "../store/context.js";
import { linuxBusProblem } from "../store/keyring/keyring.js";
import type { StoreProvider } from "../store/provider.js";
import { dotenvChecks, mcpChecks } from "./agents.js";
import { brokerChecks } from "./broker.js";
import { configChecks } from "./config.js";
import type { DoctorCheck, DoctorContext } from "./context.js";
import { dirChecks, hookChecks } from "./files.js";
import { projectChecks } from "./project.js";
import { scanChecks } from "./scan.js";

/** A store's own checks, through its provider; a failure counts only where it is the store in use. */
const storeChecks =
  (backend: StoreProvider["backend"]): DoctorCheck =>
  async ({ stores, choice }) =>
    (await stores[backend].check?.({ used: choice.backend === backend })) ?? [];

/** A scheme's own checks, through its provider (none where the user does not use that source). */
const schemeChecks =
  (scheme: SchemeName): DoctorCheck =>
  async ({ sources }) =>
    (await (await sources.provider(scheme)).check?.({ used: false })) ?? [];

/** The checks `aim doctor` runs, in order; each returns its findings. */
export const CHECKS: DoctorCheck[] = [
  storeChecks("keyring"),
  storeChecks("file"),
  dirChecks,
  configChecks,
  hookChecks,
  projectChecks,
  brokerChecks,
  ...SCHEME_NAMES.map(schemeChecks),
  mcpChecks,
  dotenvChecks,
  scanChecks,
];

/** auto with a bus whose Secret Service does not answer falls back, as AutoStore does at its first call. */
function effectiveChoice(choice: BackendChoice, problem: DoctorContext["keyringProblem"]): BackendChoice {
  if (choice.setting !== "auto" || choice.backend !== "keyring" || problem?.code !== "KEYRING_UNAVAILABLE") return choice;
  return { ...choice, backend: "file", reason: `auto: ${problem.message}`, announce: true };
}

/** The providers, for the project governing the current folder; a broken .aimrc gives no project (the project check reports it). */
async function projectSources(env: NodeJS.ProcessEnv): Promise<StoreContext> {
  let projectDir: string | undefined;
  try {
    projectDir = await projectDirOf();
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
  }
  return openContext({ env, projectDir, foreign: foreignReason });
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
  const stores = { keyring: await openBackend("keyring", env), file: await openBackend("file", env) };
  const keyringProblem = await stores.keyring.probe?.();
  const choice = effectiveChoice(chosen, keyringProblem);
  const location = choice.backend === "file" ? `the ${stores.file.location}` : `the OS keyring (service "${keyringService(env)}")`;
  const ctx: DoctorContext = { env, choice, keyringProblem, stores, sources: await projectSources(env) };
  const results: CheckResult[] = [first ?? check("backend", "backend", "ok", `${choice.backend}: ${choice.reason}`)];
  for (const run of checks) results.push(...(await run(ctx)));
  return {
    version: 1,
    ok: !results.some((r) => r.status === "fail"),
    backend: { name: choice.backend, setting: choice.setting, source: choice.source, reason: choice.reason, location },
    checks: results,
  };
}
