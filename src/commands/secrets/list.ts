import { DEFAULT_PROFILE, profileFlag, safeText } from "../../core/names.js";
import { renderTable } from "../../core/table.js";
import { openContext } from "../../store/context.js";
import { log } from "../../runtime/log.js";
import { listSecrets } from "../../store/secrets.js";
import type { Input } from "../../cli/spec.js";
import type { listOptions } from "../secrets.spec.js";

const day = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

export async function run({ values }: Input<typeof listOptions>): Promise<number> {
  const profile = values.profile === undefined ? undefined : (profileFlag(values.profile) ?? DEFAULT_PROFILE);
  const store = await openContext().store();
  const rows = await listSecrets(store, profile);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    const which = profile === undefined ? "" : ` of profile ${profile}`;
    const example = profile && profile !== DEFAULT_PROFILE ? `${profile}/OPENAI_API_KEY` : "OPENAI_API_KEY";
    log.info(`no secrets${which} in the ${store.location}; add one with: aim secrets set ${example}`);
    return 0;
  }
  const inStore = (r: (typeof rows)[number]) => (r.present ? "yes" : r.unreachable ? "in the keyring (unreachable)" : "MISSING");
  // Nothing from a file or the keyring reaches the terminal unescaped.
  const cells = rows.map((r) => [r.profile, r.name, r.description ?? "", day(r.created), day(r.updated), inStore(r)].map(safeText));
  process.stdout.write(renderTable(["PROFILE", "KEY", "DESCRIPTION", "CREATED", "UPDATED", "IN STORE"], cells));
  const away = rows.filter((r) => r.unreachable).map((r) => r.key);
  if (away.length > 0) {
    log.warn(
      `${away.join(", ")} ${away.length > 1 ? "are" : "is"} in the OS keyring, which aim cannot reach now (${store.unreachable}); run aim inside your desktop session, or see: aim doctor`,
    );
  }
  return 0;
}
