import { defineCommand } from "../spec.js";

export const brokerStatusOptions = {
  json: { type: "boolean", description: "print {running, pid, port, startedAt, sessions, idleSeconds, idleLimitSeconds, folder}" },
} as const;

export const brokerStatus = defineCommand({
  name: "status",
  summary: "does the per-user broker run? (exit 0 running, 1 not)",
  description: `Say whether the per-user broker that serves the shell hook runs: its pid, its proxy port,
the shell sessions it hosts (shell pid and key names, never a value) and how long it has been
idle. It stops by itself once no shell session has been open for AIM_BROKER_IDLE (default
30m). Exits 0 when it runs, 1 when it does not.`,
  options: brokerStatusOptions,
  load: () => import("../broker/status.js"),
});

export const brokerStop = defineCommand({
  name: "stop",
  summary: "stop the per-user broker (exit 0 whether or not one ran)",
  description: `Stop the per-user broker that serves the shell hook. Its placeholders stop working at once:
shells inside a project with broker: true get a new broker at their next cd into it, or at
the next prompt after: aim reload. Exits 0 whether or not one ran, and says which.`,
  load: () => import("../broker/stop.js"),
});
