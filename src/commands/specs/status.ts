import { defineCommand } from "../spec.js";

export const options = { json: { type: "boolean", description: "print the same as JSON" } } as const;

export const status = defineCommand({
  name: "status",
  summary: "which .aimrc applies, trusted?, keys present?",
  description: `Show which .aimrc governs the working directory, whether it is trusted, and for each key
whether it is present in the keyring or the environment. Never shows a value.`,
  options,
  load: () => import("../status.js"),
});
