import { homedir } from "node:os";
import { join } from "node:path";

type Env = NodeJS.ProcessEnv;

/** $AIM_CONFIG_DIR, else $XDG_CONFIG_HOME/aim, else ~/.config/aim. */
export const configDir = (env: Env = process.env): string =>
  env.AIM_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "aim");

/** $AIM_DATA_DIR, else $XDG_DATA_HOME/aim, else ~/.local/share/aim. */
export const dataDir = (env: Env = process.env): string =>
  env.AIM_DATA_DIR || join(env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "aim");

export const keyringService = (env: Env = process.env): string => env.AIM_KEYRING_SERVICE || "aim";
