import type { BackendChoice } from "../core/backend-choice.js";
import type { CheckResult } from "../core/doctor.js";

/** What every check may look at. Built once by runDoctor. */
export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  /** The backend aim would use now, after the real keyring probe (auto may fall back). */
  choice: BackendChoice;
  /** The keyring probe's outcome: undefined when it answered. */
  keyringProblem: { code: string; message: string; hint: string } | undefined;
  vault: string;
}

/** A check returns one or more findings. */
export type DoctorCheck = (ctx: DoctorContext) => Promise<CheckResult[]>;
