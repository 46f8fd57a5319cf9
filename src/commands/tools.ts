import { checkProfileOption } from "../core/names.js";
import { renderTable } from "../core/table.js";
import { log } from "../runtime/log.js";
import { loadRegistry, type ToolKeyStatus, toolStatuses } from "../project/tools.js";
import type { Input } from "../cli/spec.js";
import type { options } from "./tools.spec.js";

/** `K✓` in the store, `K(env)` inherited only, `K✗` nowhere, `K?` store unreadable. */
const mark = (k: ToolKeyStatus): string => {
  const name = k.from === k.name ? k.name : `${k.name}←${k.from}`;
  if (k.inStore) return `${name}✓`;
  if (k.inEnvironment) return `${name}(env)`;
  return k.inStore === null ? `${name}?` : `${name}✗`;
};

export async function run({ values }: Input<typeof options>): Promise<number> {
  const profile = checkProfileOption(values.profile);
  const registry = await loadRegistry();
  for (const note of registry.notes) log.warn(note);
  const { tools, storeError } = await toolStatuses(registry, process.env, profile ?? (process.env.AIM_PROFILE || undefined));
  if (storeError) log.warn(`${storeError.message}: which keys the store holds is unknown`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(tools, null, 2)}\n`);
    return 0;
  }
  const rows = tools.map((t) => [t.name, t.path ? "yes" : "no", t.ready ? "yes" : "no", t.keys.map(mark).join(" ") || "-"]);
  process.stdout.write(renderTable(["TOOL", "INSTALLED", "READY", "KEYS (✓ store, (env) environment, ✗ missing, ? unknown)"], rows));
  return 0;
}
