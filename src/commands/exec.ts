import { parseKeyList } from "../core/names.js";
import { prepareEnv } from "../run/prepare.js";
import { preloadSpawner } from "../run/spawn.js";
import { launch } from "./launch.js";
import type { Input } from "./spec.js";
import type { options } from "./specs/exec.js";

export async function run({ values, positionals }: Input<typeof options>): Promise<number> {
  // The child's code loads while aim reads its config and the keyring answers.
  preloadSpawner();
  const [cmd, ...args] = positionals as [string, ...string[]];
  const ready = await prepareEnv(process.cwd(), {
    flags: {
      keys: values.keys === undefined ? undefined : parseKeyList(values.keys),
      only: values.only === undefined ? undefined : parseKeyList(values.only),
      noConfig: values["no-config"],
    },
  });
  return launch(cmd, args, ready, values.mask);
}
