import { defineCommand } from "../cli/spec.js";

export const options = {
  json: {
    type: "boolean",
    description: "print {version, ok, backend, checks: [{id, title, status, detail, fix}]}\nwith status ok, warn, fail or skip",
  },
} as const;

export const doctor = defineCommand({
  name: "doctor",
  summary: "why aim cannot reach its secrets, and the fix",
  description: `Find out why aim cannot reach its secrets, and how to fix it: the backend in use and why,
the D-Bus session, a real Secret Service probe, the encrypted vault and its agent, aim's
folders, which shells load aim's hook, and keys left in plain text where AI agents read them
(MCP client configs, .env files in the working directory; names only). Each problem comes with the command that fixes
it. Exits 0 when aim can reach its secrets, 1 when it cannot. Never prints a value.`,
  options,
  load: () => import("./doctor.js"),
});
