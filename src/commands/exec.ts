import { checkProfileOption, parseKeyList } from "../core/names.js";
import { parseKeysFlag } from "../core/reference.js";
import { prepareEnv } from "../run/prepare.js";
import { canReplace, inheritedFds } from "../run/execve.js";
import { preloadSpawner } from "../run/spawn.js";
import { expandArgs } from "../run/expand-args.js";
import { launch } from "../run/launch.js";
import type { Input } from "../cli/spec.js";
import type { options } from "./exec.spec.js";

export async function run({ values, positionals }: Input<typeof options>): Promise<number> {
  // The child's code loads while aim reads its config and the keyring answers (unless aim
  // will execve: then only --mask needs it, and runChild loads it itself).
  if (!canReplace(false)) preloadSpawner();
  // Before aim opens anything: these are the parent's, and pass to the command.
  const inherited = canReplace(false) ? inheritedFds() : undefined;
  const [cmd, ...args] = positionals as [string, ...string[]];
  const keys = values.keys === undefined ? undefined : parseKeysFlag(values.keys);
  const ready = await prepareEnv(process.cwd(), {
    flags: {
      keys,
      only: values.only === undefined ? undefined : parseKeyList(values.only),
      noConfig: values["no-config"],
      profile: checkProfileOption(values.profile),
    },
  });
  // --expand-args: ${NAME} in the arguments, for the keys of --keys only (see run/expand-args.ts).
  const argv = values["expand-args"] ? expandArgs(args, keys ?? [], ready.resolved.env) : args;
  return launch(cmd, argv, ready, values.mask, inherited);
}
