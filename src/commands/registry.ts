import type { CommandSpec } from "../cli/spec.js";
import { allow, deny } from "./allow.spec.js";
import { completeWords, completion } from "./completion.spec.js";
import { doctor } from "./doctor.spec.js";
import { exec } from "./exec.spec.js";
import { hook } from "./hook.spec.js";
import { hookEnv } from "./hook-env.spec.js";
import { mcp } from "./mcp.spec.js";
import { clipboardClear, vaultAgent } from "./internal.spec.js";
import { reload } from "./reload.spec.js";
import { run } from "./run.spec.js";
import { scan } from "./scan.spec.js";
import { secrets } from "./secrets.spec.js";
import { team } from "./team.spec.js";
import { status } from "./status.spec.js";
import { tools } from "./tools.spec.js";
import { vault } from "./vault.spec.js";

/**
 * Every top-level command, in the order help lists them. Adding a command: write its spec
 * (<name>.spec.ts) beside its code (<name>.ts, or <name>/ for a group, exporting run), then add it here.
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
  scan,
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
