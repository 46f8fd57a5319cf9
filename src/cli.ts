import { enableCompileCache } from "./runtime/compile-cache.js";
import { AimError, describeError, EXIT } from "./errors.js";
import { log } from "./runtime/log.js";

declare const AIM_VERSION: string;

type Command = { run(args: string[]): Promise<number> };

// Each command's code is loaded only when it runs: start-up pays for one command, not all.
const COMMANDS: Record<string, () => Promise<Command>> = {
  exec: () => import("./commands/exec.js"),
  allow: () => import("./commands/allow.js"),
  deny: () => import("./commands/deny.js"),
  status: () => import("./commands/status.js"),
  secrets: () => import("./commands/secrets.js"),
  run: () => import("./commands/run.js"),
  tools: () => import("./commands/tools.js"),
  vault: () => import("./commands/vault.js"),
  team: () => import("./commands/team.js"),
  doctor: () => import("./commands/doctor.js"),
  hook: () => import("./commands/hook.js"),
  reload: () => import("./commands/reload.js"),
  // Run by the shell hook on a change of directory; not for people, so not in HELP.
  "hook-env": () => import("./commands/hook-env.js"),
  "__clipboard-clear": async () => ({ run: async () => (await import("./terminal/clipboard.js")).clearWhenDue() }),
  "__vault-agent": async () => ({ run: async () => (await import("./store/vault/agent-server.js")).serveAgent() }),
};

const HELP = `Usage: aim <command> [options]

aim keeps API keys in the OS keyring and hands them to the programs that need them.

Commands:
  exec [options] -- <cmd> [args...]           run a command with its project's keys
  allow [PATH] / deny [PATH]                  trust / distrust the .aimrc at or above PATH
  status [--json]                             which .aimrc applies, trusted?, keys present?
  secrets set|get|list|delete|export|import|migrate
                                              manage the stored keys
  run [options] <tool> [args...]              run a registered AI tool with the keys it reads
  tools [--json]                              the tool registry: installed?, keys wanted, present?
  vault unlock|lock|status                    the encrypted file vault (no keyring here)
  team init|whoami|add|remove|set|get|list|delete|merge
                                              a team file shared in the repository
  doctor [--json]                             why aim cannot reach its secrets, and the fix
  hook bash|zsh|fish|pwsh                     shell code that loads a project's keys on cd
  reload                                      make the shell hook reload at the next prompt

Options:
  -h, --help       show this help (aim <command> --help for a command's)
  -v, --version    print aim's version
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(HELP);
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    process.stdout.write(`${AIM_VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new AimError("USAGE", `unknown command "${name}"`, { hint: "see: aim --help", exitCode: EXIT.usage });
  return (await load()).run(rest);
}

/** The one place where errors become messages and exit codes. */
export function report(err: unknown): number {
  if (err instanceof AimError) {
    log.error(describeError(err));
    if (process.env.AIM_DEBUG && err.cause) process.stderr.write(`${String((err.cause as Error).stack ?? err.cause)}\n`);
    return err.exitCode;
  }
  if ((err as { code?: string })?.code === "ABORT_ERR") return 130;
  log.error(`internal error: ${(err as Error)?.message ?? String(err)}. Please report it; AIM_DEBUG=1 shows the stack`);
  if (process.env.AIM_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
  return EXIT.aim;
}

enableCompileCache();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = report(err);
  },
);
