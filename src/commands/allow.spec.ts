import { defineCommand } from "../cli/spec.js";

const path = [{ name: "PATH", complete: "file" }] as const;

export const allow = defineCommand({
  name: "allow",
  summary: "trust the .aimrc at or above PATH",
  description: `Trust the .aimrc that governs PATH (default: the working directory) with its current
content. aim hands keys to a project only after this; editing the file revokes the trust
until you run aim allow again. Read the file first: it decides which keys its folder gets.`,
  positionals: path,
  load: () => import("./allow.js"),
});

export const deny = defineCommand({
  name: "deny",
  summary: "distrust the .aimrc at or above PATH",
  description: `Revoke trust in the .aimrc that governs PATH (default: the working directory). aim hands
it nothing until aim allow.`,
  positionals: path,
  load: () => import("./deny.js"),
});
