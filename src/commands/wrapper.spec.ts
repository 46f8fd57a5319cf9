import type { PositionalSpec } from "../cli/spec.js";

/**
 * The options aim exec and aim run share: they wrap a command the same way (src/run/), so
 * one declaration serves both specs, their help, their parsing and their completions.
 */
export const wrapperOptions = {
  profile: {
    type: "string",
    value: "P",
    complete: "profile",
    description: "read plain names from profile P (wins over the .aimrc's profile and AIM_PROFILE; default: the default profile)",
  },
  "no-config": { type: "boolean", description: "ignore .aimrc files: hand over only --keys (exec), or the tool's keys (run)" },
  mask: { type: "boolean", description: "replace secret values in the output with *****" },
} as const;

/** What follows a wrapper's options: the command (or tool) and its arguments, handed over untouched. */
export const wrappedCommand = (first: PositionalSpec): readonly PositionalSpec[] => [
  { ...first, required: true },
  { name: "args", variadic: true, complete: "file" },
];
