import { renderTable } from "../../core/table.js";
import { DEFAULT_PROFILE, profileFlag } from "../../core/names.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { listSecrets } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets list [--profile P] [--json]

List the stored keys with their profile, description, created and updated times, and
whether the store (keyring or vault) really holds a value. Values are never shown.

Options:
  --profile P            only the keys of profile P ("default" for plain names)
  --json                 print a JSON array of {key, profile, name, description, created, updated, present}
  -h, --help             show this help
`;

const day = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { json: { type: "boolean" }, profile: { type: "string" } }, help, { positionals: false });
  if (!parsed) return 0;
  const { values } = parsed;
  const profile = values.profile === undefined ? undefined : (profileFlag(values.profile) ?? DEFAULT_PROFILE);
  const store = await openStore();
  const rows = await listSecrets(store, profile);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    const which = profile === undefined ? "" : ` of profile ${profile}`;
    log.info(`no secrets${which} in the ${store.location}; add one with: aim secrets set ${profile && profile !== DEFAULT_PROFILE ? `${profile}/` : ""}OPENAI_API_KEY`);
    return 0;
  }
  const cells = rows.map((r) => [r.profile, r.name, r.description ?? "", day(r.created), day(r.updated), r.present ? "yes" : "MISSING"]);
  process.stdout.write(renderTable(["PROFILE", "KEY", "DESCRIPTION", "CREATED", "UPDATED", "IN STORE"], cells));
  return 0;
}
