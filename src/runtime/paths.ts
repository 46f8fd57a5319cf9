import { join } from "node:path";

type Env = NodeJS.ProcessEnv;

// os.homedir() reads $HOME first on POSIX too; reading it here skips a native call that
// costs a measurable slice of aim exec's start-up. Windows keeps os.homedir().
const home = (env: Env): string => (process.platform !== "win32" && env.HOME) || process.getBuiltinModule("node:os").homedir();

/** $AIM_CONFIG_DIR, else $XDG_CONFIG_HOME/aim, else ~/.config/aim. */
export const configDir = (env: Env = process.env): string =>
  env.AIM_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(home(env), ".config"), "aim");

/** $AIM_DATA_DIR, else $XDG_DATA_HOME/aim, else ~/.local/share/aim. */
export const dataDir = (env: Env = process.env): string =>
  env.AIM_DATA_DIR || join(env.XDG_DATA_HOME || join(home(env), ".local", "share"), "aim");

export const keyringService = (env: Env = process.env): string => env.AIM_KEYRING_SERVICE || "aim";
