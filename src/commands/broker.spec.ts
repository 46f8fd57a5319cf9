import { defineCommand } from "../cli/spec.js";

export const logOptions = {
  json: { type: "boolean", description: "print the log's JSON lines as they are" },
  since: {
    type: "string",
    value: "D",
    complete: "none",
    description: "only requests since D: a duration back from now (30m, 2h, 1d) or an ISO date (2026-12-07, 2026-12-07T09:00Z)",
  },
} as const;

export const log = defineCommand({
  name: "log",
  summary: "what the broker put on the wire, and what it refused",
  description: `Show the broker's audit log ($AIM_DATA_DIR/broker.log): one line per request in which a
brokered command sent a placeholder: when, the session, the key's name, the host, the method,
the path (never its query), the upstream's status, and whether aim put the value in
(injected) or refused (refused: the key is not bound to that host). The log never holds a
value, a query string or a body.`,
  options: logOptions,
  load: () => import("./broker/log.js"),
});

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
  load: () => import("./broker/status.js"),
});

export const brokerStop = defineCommand({
  name: "stop",
  summary: "stop the per-user broker (exit 0 whether or not one ran)",
  description: `Stop the per-user broker that serves the shell hook. Its placeholders stop working at once:
shells inside a project with broker: true get a new broker at their next cd into it, or at
the next prompt after: aim reload. Exits 0 whether or not one ran, and says which.`,
  load: () => import("./broker/stop.js"),
});

export const broker = defineCommand({
  name: "broker",
  summary: "the loopback proxy that keeps keys out of brokered commands",
  description: `aim exec --broker and aim run hand bound keys to the command as placeholders; aim's
loopback proxy puts the real value into requests to that key's hosts only (hosts: in .aimrc
or the global config binds a key; a built-in table covers the well-known API keys). With
broker: true, the shell hook exports placeholders too, served by a per-user broker process
(aim broker status, aim broker stop).`,
  subcommands: [log, brokerStatus, brokerStop],
});
