import { defineCommand } from "../cli/spec.js";

// Started by aim itself (detached helpers): not for people, so hidden, and never parsed.
export const clipboardClear = defineCommand({
  name: "__clipboard-clear",
  summary: "clear the clipboard when the copied value's time is up",
  hidden: true,
  raw: true,
  load: async () => ({ run: async () => (await import("../terminal/clipboard.js")).clearWhenDue() }),
});

export const vaultAgent = defineCommand({
  name: "__vault-agent",
  summary: "the agent that keeps the vault unlocked",
  hidden: true,
  raw: true,
  load: async () => ({ run: async () => (await import("../store/vault/agent-server.js")).serveAgent() }),
});
