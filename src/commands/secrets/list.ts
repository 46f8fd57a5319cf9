import { renderTable } from "../../core/table.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { listSecrets } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets list [--json]

List the stored keys with their description, created and updated times, and whether the
store (keyring or vault) really holds a value. Values are never shown.

Options:
  --json                 print a JSON array of {name, description, created, updated, present}
  -h, --help             show this help
`;

const day = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { json: { type: "boolean" } }, help, { positionals: false });
  if (!parsed) return 0;
  const store = await openStore();
  const rows = await listSecrets(store);
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    log.info(`no secrets in the ${store.location}; add one with: aim secrets set OPENAI_API_KEY`);
    return 0;
  }
  const cells = rows.map((r) => [r.name, r.description ?? "", day(r.created), day(r.updated), r.present ? "yes" : "MISSING"]);
  process.stdout.write(renderTable(["KEY", "DESCRIPTION", "CREATED", "UPDATED", "IN STORE"], cells));
  return 0;
}
