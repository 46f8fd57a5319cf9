import type { BackendChoice } from "../core/backend-choice.js";
import type { CheckResult } from "../core/doctor.js";
import type { StoreContext } from "../store/context.js";
import type { StoreProblem, StoreProvider } from "../store/provider.js";

/** What every check may look at. Built once by runDoctor. */
export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  /** The backend aim would use now, after the real keyring probe (auto may fall back). */
  choice: BackendChoice;
  /** The keyring probe's outcome: undefined when it answered. */
  keyringProblem: StoreProblem | undefined;
  /** Both stores, whichever is used: doctor checks each through its provider. */
  stores: Readonly<Record<StoreProvider["backend"], StoreProvider>>;
  /** Each scheme's provider, for the project governing the current folder. */
  sources: StoreContext;
}

/** A check returns one or more findings. */
export type DoctorCheck = (ctx: DoctorContext) => Promise<CheckResult[]>;
