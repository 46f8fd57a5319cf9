import { defineCommand } from "../cli/spec.js";

export const options = {
  profile: {
    type: "string",
    value: "P",
    complete: "profile",
    description: "which keys aim run --profile P would find (default: AIM_PROFILE)",
  },
  json: { type: "boolean", description: "print a JSON array of {name, command, path, keys, anyOf, ready, ...}" },
} as const;

export const tools = defineCommand({
  name: "tools",
  summary: "the tool registry: installed?, keys wanted, present?",
  description: `List the tools aim run knows: the built-in ones and those in the global config. For each:
whether it is installed (on PATH), the keys it reads, and which of them the store (the
keyring or the file vault) or the environment holds. Never shows a value.`,
  options,
  load: () => import("./tools.js"),
});
