import { defineCommand } from "../cli/spec.js";

export const options = {
  profile: { type: "string", value: "P", complete: "profile", description: "show what aim exec --profile P would read" },
  json: { type: "boolean", description: "print the same as JSON" },
} as const;

export const status = defineCommand({
  name: "status",
  summary: "which .aimrc applies, trusted?, each variable <- reference, present?",
  description: `Show which .aimrc governs the working directory, whether it is trusted, and for each
variable the reference it is read from (VARIABLE <- work/NAME) and whether that is present
in the store or the environment. Never shows a value.`,
  options,
  load: () => import("./status.js"),
});
