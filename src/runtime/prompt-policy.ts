import { collectingMessages } from "./log.js";

// Whether this process may stop and ask the user something on the terminal. The shell
// hook runs aim on every cd and must never block the prompt waiting for a passphrase:
// it turns prompts off, and a locked vault becomes a one-line warning instead.
let allowed = true;

export const forbidPrompts = (): void => {
  allowed = false;
};

export const promptsAllowed = (): boolean => allowed;

/**
 * Whether a prompt may be shown now: not when forbidden, nor inside a library call (the API
 * runs under collectMessages): a program is calling, and it gets an error, never a prompt.
 */
export const mayPrompt = (): boolean => allowed && !collectingMessages();
