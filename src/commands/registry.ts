import type { CommandSpec } from "./spec.js";
import { allow, deny } from "./specs/allow.js";
import { broker } from "./specs/broker.js";
import { completeWords, completion } from "./specs/completion.js";
import { doctor } from "./specs/doctor.js";
import { exec } from "./specs/exec.js";
import { hook } from "./specs/hook.js";
import { hookEnv } from "./specs/hook-env.js";
import { mcp } from "./specs/mcp.js";
import { brokerServer, clipboardClear, vaultAgent } from "./specs/internal.js";
import { reload } from "./specs/reload.js";
import { run } from "./specs/run.js";
import { secrets } from "./specs/secrets.js";
import { team } from "./specs/team.js";
import { status } from "./specs/status.js";
import { tools } from "./specs/tools.js";
import { vault } from "./specs/vault.js";

/**
 * Every top-level command, in the order help lists them. Adding a command: write its spec
 * (specs/<name>.ts) and its code (<name>.ts, exporting run), then add it here.
 */
export const COMMANDS: readonly CommandSpec[] = [
  exec,
  allow,
  deny,
  status,
  secrets,
  run,
  tools,
  mcp,
  broker,
  vault,
  team,
  doctor,
  hook,
  reload,
  completion,
  hookEnv,
  completeWords,
  clipboardClear,
  vaultAgent,
  brokerServer,
];

export interface SpecEntry {
  /** The words after `aim`: ["secrets", "set"]. */
  path: readonly string[];
  spec: CommandSpec;
}

/**
 * Every command and subcommand, parents before children, hidden ones included (check
 * spec.hidden): for generators of shell completions, the man page and docs.
 */
export function allSpecs(): SpecEntry[] {
  const out: SpecEntry[] = [];
  const walk = (specs: readonly CommandSpec[], parent: readonly string[]) => {
    for (const spec of specs) {
      const path = [...parent, spec.name];
      out.push({ path, spec });
      if (spec.subcommands) walk(spec.subcommands, path);
    }
  };
  walk(COMMANDS, []);
  return out;
}
