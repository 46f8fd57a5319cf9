import { realpathSync } from "node:fs";
import { dirname } from "node:path";
import type { Target } from "./diff.js";
import { bindingLabel } from "../core/reference.js";
import { AimError, describeError } from "../errors.js";
import { nearestCandidate } from "../project/search-places.js";

const nothing = (file: string | null, candidate: string | null, warnings: string[] = []): Target => ({
  file,
  candidate,
  values: new Map(),
  warnings,
});

// The hook never asks for the vault's passphrase (it would block the prompt at a cd).
const storeWarning = (err: AimError): string =>
  err.code === "VAULT_LOCKED"
    ? "the vault is locked, so no keys were loaded; unlock it with: aim vault unlock (they load at the next prompt)"
    : describeError(err);

/**
 * What the shell in `dir` should have exported. `owned` are the variables aim exported
 * there before: their current values are aim's own, so they are not "inherited" ones.
 */
export async function hookTarget(dir: string, owned: readonly string[], env: NodeJS.ProcessEnv = process.env, shell = 0): Promise<Target> {
  const target = await decide(dir, owned, env, shell);
  return target.file ? { ...target, realDir: realDir(target.file) } : target;
}

/** Where a symlinked governing file really lives, when that is another folder. */
function realDir(file: string): string | null {
  try {
    const real = dirname(realpathSync(file));
    return real === realpathSync(dirname(file)) ? null : real;
  } catch {
    return null; // gone or dangling: the shell sees that with -e
  }
}

async function decide(dir: string, owned: readonly string[], env: NodeJS.ProcessEnv, shell: number): Promise<Target> {
  // Most directories have no project file at all: then neither the config loader nor the
  // keyring is loaded, which keeps a cd outside projects close to a bare node start.
  let candidate: string | null;
  try {
    candidate = nearestCandidate(dir);
  } catch (err) {
    // A folder aim cannot name (not UTF-8) holds a project file: load nothing, say why once,
    // and take the shell's own find as the candidate, so that idle prompts do not ask again.
    if (!(err instanceof AimError)) throw err;
    return { ...nothing(null, null, [describeError(err)]), candidateIsShells: true };
  }
  if (candidate === null) return nothing(null, null);
  const [{ loadProject, projectContext, untrustedError }, { addHint, resolveKeys }] = await Promise.all([
    import("../project/project.js"),
    import("../run/resolve.js"),
  ]);
  let project;
  try {
    project = await loadProject(dir);
  } catch (err) {
    // A broken .aimrc loads nothing; the hook keeps watching it, so a fix is noticed.
    if (!(err instanceof AimError)) throw err;
    return nothing(candidate, candidate, [describeError(err)]);
  }
  const { notes } = project;
  if (!project.file) return nothing(null, candidate, notes);
  const file = project.file.filepath;
  if (project.trust !== "allowed") {
    return nothing(file, candidate, [
      ...notes,
      describeError(untrustedError(project.fingerprint?.path ?? file, project.trust ?? "unknown")),
    ]);
  }
  const base = { ...env };
  for (const key of owned) delete base[key];
  let resolved;
  try {
    resolved = await resolveKeys(project.plan, projectContext(project, dir), base);
  } catch (err) {
    // A reference this aim cannot read (a scheme without a provider): say so, load nothing.
    if (!(err instanceof AimError)) throw err;
    return nothing(file, candidate, [...notes, describeError(err)]);
  }
  if (resolved.storeError) return nothing(file, candidate, [...notes, storeWarning(resolved.storeError)]);
  // A value no program could receive is not exported (every command in the shell would fail).
  const warnings: string[] = [...notes, ...resolved.refused.map((r) => describeError(r.error))];
  if (resolved.unreachable) warnings.push(describeError(resolved.unreachable));
  const refused = new Set(resolved.refused.map((r) => r.key));
  const missing = resolved.unreachable ? [] : resolved.missing.filter((k) => !refused.has(k));
  if (missing.length > 0) {
    const label = missing.map((k) => bindingLabel(k, resolved.refs[k] ?? k)).join(", ");
    warnings.push(`missing ${label}; ${addHint(missing, resolved.refs)}`);
  }
  // The hook's own variables share the shell's namespace: a key must not overwrite them.
  const reserved = resolved.injected.filter((k) => k.startsWith("__aim"));
  if (reserved.length > 0) warnings.push(`not exporting ${reserved.join(", ")}: names starting with __aim are the shell hook's own`);
  const values = new Map(
    resolved.injected.filter((k) => !reserved.includes(k)).map((k) => [k, resolved.values.get(resolved.refs[k] ?? k) as string] as const),
  );
  // broker: true (the project's, else the global config's): placeholders and proxy settings instead of values.
  if ((project.file.config.broker ?? project.global?.config.broker) === true && shell > 0) {
    const [{ brokerTarget }, { mergeHosts }] = await Promise.all([import("./broker.js"), import("../core/hosts.js")]);
    const hosts = mergeHosts(project.global?.config.hosts, project.file.config.hosts);
    const brokered = await brokerTarget(shell, values, (k) => hosts[k] ?? [], owned, env);
    return { file, candidate, values: brokered.values, warnings: [...warnings, ...brokered.warnings], broker: brokered.session };
  }
  return { file, candidate, values, warnings };
}
