import type { Target } from "../core/hook-env.js";
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
  err.code === "VAULT_LOCKED" ? "the vault is locked, so no keys were loaded; unlock it with: aim vault unlock (they load at the next prompt)" : describeError(err);

/**
 * What the shell in `dir` should have exported. `owned` are the variables aim exported
 * there before: their current values are aim's own, so they are not "inherited" ones.
 */
export async function hookTarget(dir: string, owned: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  // Most directories have no project file at all: then neither the config loader nor the
  // keyring is loaded, which keeps a cd outside projects close to a bare node start.
  const candidate = nearestCandidate(dir);
  if (candidate === null) return nothing(null, null);
  const [{ loadProject, untrustedError }, { resolveKeys }] = await Promise.all([import("../project/project.js"), import("../run/resolve.js")]);
  let project;
  try {
    project = await loadProject(dir);
  } catch (err) {
    // A broken .aimrc loads nothing; the hook keeps watching it, so a fix is noticed.
    if (!(err instanceof AimError)) throw err;
    return nothing(candidate, candidate, [describeError(err)]);
  }
  if (!project.file) return nothing(null, candidate);
  const file = project.file.filepath;
  if (project.trust !== "allowed") {
    return nothing(file, candidate, [describeError(untrustedError(project.fingerprint?.path ?? file, project.trust ?? "unknown"))]);
  }
  const base = { ...env };
  for (const key of owned) delete base[key];
  const resolved = await resolveKeys(project.plan, base);
  if (resolved.storeError) return nothing(file, candidate, [storeWarning(resolved.storeError)]);
  // A value no program could receive is not exported (every command in the shell would fail).
  const warnings: string[] = resolved.refused.map((r) => describeError(r.error));
  if (resolved.unreachable) warnings.push(describeError(resolved.unreachable));
  const refused = new Set(resolved.refused.map((r) => r.key));
  const missing = resolved.unreachable ? [] : resolved.missing.filter((k) => !refused.has(k));
  const [first] = missing;
  if (first !== undefined) {
    const them = missing.length > 1 ? "each" : "it";
    warnings.push(`missing ${missing.join(", ")}; add ${them} with: aim secrets set ${first}`);
  }
  // The hook's own variables share the shell's namespace: a key must not overwrite them.
  const reserved = resolved.injected.filter((k) => k.startsWith("__aim"));
  if (reserved.length > 0) warnings.push(`not exporting ${reserved.join(", ")}: names starting with __aim are the shell hook's own`);
  const values = new Map(resolved.injected.filter((k) => !reserved.includes(k)).map((k) => [k, resolved.values.get(k) as string] as const));
  return { file, candidate, values, warnings };
}
