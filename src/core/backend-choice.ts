/** Where secret values live. */
export type BackendName = "keyring" | "file";
export type BackendSetting = BackendName | "auto";
export const BACKEND_SETTINGS: readonly BackendSetting[] = ["keyring", "file", "auto"];

/** Who asked for the backend: the environment, the global config, or nobody (the default). */
export type SettingSource = "AIM_BACKEND" | "config" | "default";

export interface BackendChoice {
  backend: BackendName;
  setting: BackendSetting;
  source: SettingSource;
  /** Why this backend, in words, for `aim doctor` and the auto line. */
  reason: string;
  /** True when aim must say which backend it picked (auto chose the vault). */
  announce: boolean;
}

/**
 * `keyring` and `file` are obeyed as given. `auto` takes the keyring unless the machine
 * plainly has none (no D-Bus session on Linux, found without a round trip); a keyring that
 * is there but does not answer is caught at its first call instead (see backend.ts).
 */
export function decideBackend(setting: BackendSetting, source: SettingSource, busProblem: string | undefined): BackendChoice {
  const by = source === "AIM_BACKEND" ? `AIM_BACKEND=${setting}` : source === "config" ? `"backend": "${setting}" in config.json` : "";
  if (setting !== "auto") return { backend: setting, setting, source, reason: `chosen by ${by}`, announce: false };
  const auto = source === "default" ? "auto (the default)" : `auto (${by})`;
  if (busProblem) return { backend: "file", setting, source, reason: `${auto}: ${busProblem}`, announce: true };
  return { backend: "keyring", setting, source, reason: `${auto}: a D-Bus session is present`, announce: false };
}

/** The one stderr line of auto mode; the fix says how to make the choice explicit and quiet. */
export const announceLine = (choice: Pick<BackendChoice, "reason">, location: string): string =>
  `using the ${location}: ${choice.reason.replace(/^auto \([^)]*\): /, "")}; set AIM_BACKEND=file (or "backend": "file" in config.json) to choose it and silence this line`;
