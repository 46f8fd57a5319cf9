import { basename, dirname } from "node:path";
import { checkProfileOption } from "../core/names.js";
import { bindingLabel } from "../core/reference.js";
import { shownPath } from "../runtime/shown-path.js";
import { ignoredCodeConfigs, shadowedFiles } from "../project/config.js";
import { log } from "../runtime/log.js";
import { forbidPrompts } from "../runtime/prompt-policy.js";
import { loadProject, projectContext } from "../project/project.js";
import { resolveKeys } from "../run/resolve.js";
import type { Input } from "../cli/spec.js";
import type { options } from "./status.spec.js";

export async function run({ values }: Input<typeof options>): Promise<number> {
  // A report, not a reason to ask for the vault's passphrase: what the store holds is "unknown" when it is locked.
  forbidPrompts();
  const project = await loadProject(process.cwd(), { profile: checkProfileOption(values.profile) });
  const { plan, file } = project;
  const resolved = await resolveKeys(plan, projectContext(project, process.cwd()));
  const where = (k: string) =>
    resolved.injected.includes(k) ? "store" : resolved.inherited.includes(k) ? "environment" : resolved.storeError ? "unknown" : "missing";
  const keys = [
    ...plan.required.map((name) => ({ name, reference: plan.refs[name] ?? name, required: true, source: where(name) })),
    ...plan.optional.map((name) => ({ name, reference: plan.refs[name] ?? name, required: false, source: where(name) })),
  ];
  const ignored = ignoredCodeConfigs(process.cwd(), file ? dirname(file.filepath) : undefined);
  const shadowed = file ? shadowedFiles(file.filepath) : [];
  const report = {
    file: project.fingerprint?.path ?? null,
    trusted: project.trust === "allowed",
    trust: project.trust,
    global: project.global?.filepath ?? null,
    profile: plan.profile ?? "default",
    keys,
    ignored,
    shadowed,
    notes: project.notes,
    store: resolved.storeError ? { ok: false, error: resolved.storeError.message } : { ok: true },
  };
  for (const note of project.notes) log.warn(note);
  // A store that could not be read makes the report incomplete: said, and not a success.
  const failed = resolved.storeError !== undefined;
  if (resolved.storeError) log.error(`the store could not be read, so which keys it holds is not known: ${resolved.storeError.message}`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  const out: string[] = [];
  out.push(
    `project file: ${report.file ?? "none"}${report.file ? ` (${report.trust === "allowed" ? "trusted" : report.trust === "unknown" ? "not allowed: run aim allow" : `${report.trust}: run aim allow`})` : ""}`,
  );
  if (report.global) out.push(`global config: ${report.global}`);
  if (plan.profile !== undefined) out.push(`profile: ${plan.profile}`);
  for (const k of keys)
    out.push(
      `  ${k.source === "missing" ? "✗" : k.source === "unknown" ? "?" : "✓"} ${bindingLabel(k.name, k.reference)}${k.required ? "" : " (optional)"}: ${k.source}`,
    );
  for (const f of shadowed) {
    const what = basename(f) === "package.json" ? `${shownPath(f)}'s "aim" field` : shownPath(f);
    out.push(`ignored: ${what} (${basename(file?.filepath ?? "")} in the same folder comes first)`);
  }
  for (const f of ignored) out.push(`ignored: ${f} (aim never runs code from a project; use YAML or JSON)`);
  if (resolved.storeError) out.push(`store: ${resolved.storeError.message}`);
  process.stdout.write(`${out.join("\n")}\n`);
  if (keys.some((k) => k.required && k.source === "missing")) log.warn("some required keys are missing: aim exec will refuse to start");
  return failed ? 1 : 0;
}
