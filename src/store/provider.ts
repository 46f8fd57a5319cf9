import type { CheckResult } from "../core/doctor.js";
import type { SchemeName } from "../core/reference.js";
import type { KnownGlobal } from "./backend-config.js";

/** The source a reference is read from: the store (keyring or vault) for store keys, else its scheme. */
export type Source = "store" | SchemeName;

/** What a provider may know about the command it serves. */
export interface ProviderContext {
  env: NodeJS.ProcessEnv;
  /** The folder of the governing project file, for providers that read the project's files (team:). */
  projectDir: string | undefined;
  /** The global config the command has read already (null: there is none), so that it is read once. */
  global?: KnownGlobal | null;
  /** Why a project file may not govern, or null (project/ownership.ts): the team file is judged like the .aimrc. */
  foreign?: (file: string) => string | null;
}

/** What aim doctor tells a source's check. */
export interface CheckScope {
  /** This is the store aim uses now: what is wrong with it fails, where elsewhere it warns or is skipped. */
  used: boolean;
}

/** Why a store cannot be reached now (aim doctor's round trip). */
export interface StoreProblem {
  code: string;
  message: string;
  hint: string;
}

/**
 * One source of values behind one kind of reference: the store (keyring or vault) for store
 * keys, a provider per scheme for `SCHEME:PATH` (DESIGN "Team files and providers"). Each
 * command opens them once, through its store context (store/context.ts), which asks each
 * provider once per command for all of its paths. Only `resolve` is required; the others
 * are what `aim secrets`, `aim team` or `aim doctor` use where a provider supports them.
 */
export interface Provider {
  readonly scheme: Source;
  /** Where the values live, for messages: never a value. */
  readonly location: string;
  /** The values of those `paths` the source holds, in one batch; a path it lacks is absent. */
  resolve(paths: readonly string[]): Promise<Map<string, string>>;
  set?(path: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete?(path: string): Promise<boolean>;
  /** Every path the source holds, without values. */
  list?(): Promise<string[]>;
  /** Every path the source holds with its value, in one batch (aim scan, which looks for them all). */
  all?(): Promise<Map<string, string>>;
  /** aim doctor's findings on this source, in order: none when the user does not use it. */
  check?(scope: CheckScope): Promise<CheckResult[]>;
}

/**
 * The provider of bare store keys (`NAME`, `PROFILE/NAME`): the OS keyring or the encrypted
 * file vault. Nothing else differs between them; aim keeps metadata beside their values.
 */
export interface StoreProvider extends Provider {
  readonly scheme: "store";
  readonly backend: "keyring" | "file";
  /** Which store this is, for its metadata: `keyring:SERVICE` or `file:PATH`. */
  readonly scope: string;
  /** Why the OS keyring is not the store (auto found none), when that is so: keys kept there cannot be read. */
  readonly unreachable?: string;
  /** Every key and value the store holds (export, migrate). */
  all(): Promise<Map<string, string>>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  list(): Promise<string[]>;
  /** A real round trip, once per store: why it cannot be reached now, or undefined when it answers (aim doctor). */
  probe?(): Promise<StoreProblem | undefined>;
}
