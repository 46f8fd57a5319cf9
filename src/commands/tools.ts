import { checkProfileOption } from "../core/names.js";
import { renderTable } from "../core/table.js";
import { EXIT } from "../errors.js";
import { log } from "../runtime/log.js";
import { loadRegistry, type ToolKeyStatus, toolStatuses } from "../project/tools.js";
import { parseCommand } from "./args.js";

export const help = `Usage: aim tools [--profile P] [--json]

List the tools aim run knows: the built-in ones and those in the global config. For each:
whether it is installed (on PATH), the keys it reads, and which of them the store (the
keyring or the file vault) or the environment holds. Never shows a value.

Options:
  --profile P     which keys aim run --profile P would find (default: AIM_PROFILE)
  --json          print a JSON array of {name, command, path, keys, anyOf, ready, ...}
  -h, --help      show this help
`;

/** `K✓` in the store, `K(env)` inherited only, `K✗` nowhere, `K?` store unreadable. */
const mark = (k: ToolKeyStatus): string => {
  const name = k.from === k.name ? k.name : `${k.name}←${k.from}`;
  if (k.inStore) return `${name}✓`;
  if (k.inEnvironment) return `${name}(env)`;
  return k.inStore === null ? `${name}?` : `${name}✗`;
};

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { json: { type: "boolean" }, profile: { type: "string" } }, help, { positionals: false });
  if (!parsed) return 0;
  const profile = checkProfileOption(parsed.values.profile, "--profile", EXIT.failure);
  const registry = await loadRegistry();
  const { tools, storeError } = await toolStatuses(registry, process.env, profile ?? (process.env.AIM_PROFILE || undefined));
  if (storeError) log.warn(`${storeError.message}: which keys the store holds is unknown`);
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(tools, null, 2)}\n`);
    return 0;
  }
  const rows = tools.map((t) => [
    t.name,
    t.path ? "yes" : "no",
    t.ready ? "yes" : "no",
    t.keys.map(mark).join(" ") || "-",
  ]);
  process.stdout.write(renderTable(["TOOL", "INSTALLED", "READY", "KEYS (✓ store, (env) environment, ✗ missing, ? unknown)"], rows));
  return 0;
}
