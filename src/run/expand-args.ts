import { parseReference, variableOf } from "../core/reference.js";

/**
 * `aim exec --expand-args --keys K1,K2 -- cmd args`: each `${K1}` in the command's arguments
 * becomes the value of the variable K1 that aim hands the command, so that a server which
 * takes its key as an argument (`--api-key ${CONTEXT7_API_KEY}`) keeps it out of its config.
 * Only the variables of --keys are filled, only in the form `${NAME}`, and never through a
 * shell: the text is replaced in the argument, nothing is evaluated. Any other `${...}` (and
 * one whose variable has no value) stays as written. The value then sits in the command's
 * argv, which other processes of the same user can read (ps): for a key that the program
 * also takes from its environment, prefer that.
 */
export function expandArgs(args: readonly string[], keys: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const names = new Set(keys.map((k) => variableOf(parseReference(k))).filter((n): n is string => n !== undefined));
  return args.map((a) =>
    a.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string) =>
      names.has(name) && env[name] !== undefined ? (env[name] as string) : m,
    ),
  );
}
