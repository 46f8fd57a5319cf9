import { processState } from "./process-state.js";

// Whether this process may stop and ask the user something on the terminal. The shell
// hook runs aim on every cd and must never block the prompt waiting for a passphrase:
// it turns prompts off, and a locked vault becomes a one-line warning instead.
const policy = processState("prompts", () => ({ allowed: true }));

export const forbidPrompts = (): void => {
  policy.allowed = false;
};

export const promptsAllowed = (): boolean => policy.allowed;
