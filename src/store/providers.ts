import { existsSync } from "node:fs";
import type { SchemeName } from "../core/reference.js";
import { AimError } from "../errors.js";
import { shownPath } from "../runtime/shown-path.js";
import type { Provider, ProviderContext } from "./provider.js";

export type ProviderLoader = (ctx: ProviderContext) => Promise<Provider>;

/**
 * `team:NAME`: the team file beside the governing .aimrc, decrypted once per command with
 * the member's identity; a name it lacks is absent, a file that cannot be opened (not a
 * recipient, no identity) is the source's error.
 */
const team: ProviderLoader = async (ctx) => {
  const { TeamFiles } = await import("./team/file.js");
  const dir = ctx.projectDir;
  const files = dir === undefined ? undefined : new TeamFiles(dir, ctx.foreign);
  return {
    scheme: "team",
    location: files ? shownPath(files.file) : "a project's team file",
    async resolve(paths) {
      if (!files) {
        throw new AimError("TEAM", "team: references are read from the team file of the project's .aimrc, and there is none here", {
          hint: "name them in the project's .aimrc, or run aim exec inside the project",
        });
      }
      const doc = await files.open(ctx.env, false, ctx.global);
      return new Map(paths.flatMap((p) => (doc.values.has(p) ? [[p, doc.values.get(p) as string] as const] : [])));
    },
    async all() {
      // No team file here: the source holds nothing (a file that cannot be opened is its error).
      if (!files || !existsSync(files.file)) return new Map();
      return new Map((await files.open(ctx.env, false, ctx.global)).values);
    },
    async check() {
      if (!files) return [];
      const { teamChecks } = await import("./team/check.js");
      return teamChecks(files, ctx.env, ctx.global);
    },
  };
};

/** `pass:PATH`: the first line of `pass show PATH`, only the path on argv. */
const pass: ProviderLoader = async (ctx) => {
  const { passDelete, passInsert, passResolve, passwordStoreDir } = await import("./pass/pass.js");
  return {
    scheme: "pass",
    location: "the password store",
    resolve: (paths) => passResolve(paths, ctx.env),
    set: (path, value) => passInsert(path, value, ctx.env),
    delete: (path) => passDelete(path, ctx.env),
    async check() {
      // Only where the user has a password store: pass is not everyone's.
      if (!existsSync(passwordStoreDir(ctx.env))) return [];
      const { passChecks } = await import("./pass/check.js");
      return passChecks(ctx.env);
    },
  };
};

/**
 * The provider of each scheme, loaded only when a command has a reference of that scheme.
 * Adding a scheme to SCHEMES (core/reference.ts) fails to compile until it has an entry here.
 */
export const PROVIDERS: Readonly<Record<SchemeName, ProviderLoader>> = { team, pass };
