import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { check } from "../core/doctor.js";
import { configDir, dataDir } from "../runtime/paths.js";
import { SHELLS } from "../shells/index.js";
import type { DoctorCheck } from "./context.js";

function dirCheck(id: string, title: string, dir: string) {
  if (!existsSync(dir)) return check(id, title, "ok", `${dir} (not there yet: created on first write)`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return check(id, title, "ok", dir);
  } catch {
    return check(id, title, "fail", `${dir} is not writable by you`, `chown -R "$USER" '${dir}' && chmod 700 '${dir}'`);
  }
}

export const dirChecks: DoctorCheck = async ({ env }) => [
  dirCheck("config-dir", "config folder", configDir(env)),
  dirCheck("data-dir", "data folder", dataDir(env)),
];

/** Which shells' rc files load aim's hook (a line that runs `aim hook`). Never fails: hooks are optional. */
export const hookChecks: DoctorCheck = async ({ env }) => {
  const home = env.HOME || homedir();
  const rcs = Object.values(SHELLS).map((shell) => ({ shell, rc: shell.rcFile(env, home) }));
  const hooked = rcs.filter(({ rc }) => {
    try {
      return /\baim hook\b/.test(readFileSync(rc, "utf8"));
    } catch {
      return false;
    }
  });
  if (hooked.length > 0) return [check("hooks", "shell hooks", "ok", hooked.map(({ shell, rc }) => `${shell.name} (${rc})`).join(", "))];
  return [
    check(
      "hooks",
      "shell hooks",
      "warn",
      `no aim hook line in ${rcs.map(({ rc }) => rc).join(", ")}`,
      `add to your shell's rc file: ${rcs.map(({ shell }) => `${shell.rcShown}: ${shell.loadLine(`hook ${shell.name}`)}`).join("; ")}`,
    ),
  ];
};
