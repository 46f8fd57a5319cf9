import { check, type CheckResult } from "../core/doctor.js";
import { AimError } from "../errors.js";
import { askBroker } from "../broker/user-client.js";
import { loadProject } from "../project/project.js";
import type { DoctorCheck } from "./context.js";

// What the broker cannot do, said wherever it is on.
const LIMITS: CheckResult[] = [
  check(
    "broker-use",
    "broker limits",
    "warn",
    "the broker keeps a key's value from the agent, not its use: while a session runs, the agent can still call the key's bound hosts with it (aim broker log shows each request)",
    "bind each key to the fewest hosts (hosts: in .aimrc), and read: aim broker log",
  ),
  check(
    "broker-store",
    "broker limits",
    "warn",
    "an agent that can run secret-tool or aim secrets get --show can read the store itself, unless the OS or the agent's sandbox stops it",
    "run the agent in a sandbox (the OS's or the agent's own) that denies it secret-tool, aim and the keyring's D-Bus socket",
  ),
];

/** With broker: true here (or in the config), or a per-user broker running: its state, and the limits above. */
export const brokerChecks: DoctorCheck = async (ctx) => {
  let on = false;
  try {
    const project = await loadProject(process.cwd());
    on = (project.file?.config.broker ?? project.global?.config.broker) === true;
  } catch (err) {
    if (!(err instanceof AimError)) throw err; // the project check reports it
  }
  let running: string | undefined;
  let problem: AimError | undefined;
  try {
    const s = (await askBroker({ op: "status" }, ctx.env, 5_000))?.status;
    if (s) running = `runs: pid ${s.pid}, proxy on 127.0.0.1:${s.port}, ${s.sessions.length} shell session(s)`;
  } catch (err) {
    if (!(err instanceof AimError)) throw err;
    problem = err;
  }
  if (!on && !running && !problem) return [];
  const state = problem
    ? check("broker-process", "per-user broker", "warn", problem.message, problem.hint)
    : check(
        "broker-process",
        "per-user broker",
        "ok",
        running ?? "not running (the shell hook starts it on entering a project with broker: true)",
      );
  return [state, ...LIMITS];
};
