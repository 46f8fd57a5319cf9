// Whether this process may stop and ask the user something on the terminal. The shell
// hook runs aim on every cd and must never block the prompt waiting for a passphrase:
// it turns prompts off, and a locked vault becomes a one-line warning instead.
let allowed = true;

export const forbidPrompts = (): void => {
  allowed = false;
};

export const promptsAllowed = (): boolean => allowed;
