import { SCHEMES, type SchemeName } from "../core/reference.js";
import { AimError } from "../errors.js";
import type { Provider, ProviderContext } from "./provider.js";

export type ProviderLoader = (ctx: ProviderContext) => Promise<Provider>;

/** A scheme whose provider this build does not have yet: its references parse, reading them is an error. */
const notBuilt =
  (scheme: SchemeName): ProviderLoader =>
  async () => {
    throw new AimError("CONFIG_INVALID", `${scheme}: references (${SCHEMES[scheme].path}) cannot be read by this version of aim`, {
      hint: "use a store key (NAME or PROFILE/NAME) instead, or update aim",
    });
  };

/**
 * The provider of each scheme, loaded only when a command has a reference of that scheme.
 * Adding a scheme to SCHEMES (core/reference.ts) fails to compile until it has an entry here.
 */
export const PROVIDERS: Readonly<Record<SchemeName, ProviderLoader>> = {
  team: notBuilt("team"),
  pass: notBuilt("pass"),
};
