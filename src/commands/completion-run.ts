import { complete, type Sources } from "../cli/completion-engine.js";
import { COMMANDS } from "./registry.js";
import type { Input } from "../cli/spec.js";

/**
 * `aim __complete <shell> --current=WORD WORDS...`, run by the completion code at each Tab.
 * Prints what the shell completes by itself when there is no list, then one candidate a
 * line (value, tab, description). Every source is a file aim keeps for itself; none reads
 * the keyring or prompts, and a source that fails (a damaged file) offers nothing rather
 * than print an error into the user's command line.
 */

const quietly = async (list: () => string[] | Promise<string[]>): Promise<string[]> => {
  try {
    return await list();
  } catch {
    return [];
  }
};

/**
 * The store keys secrets.json has records for: `secrets` in version 1 of the file, or the
 * records of every store in `stores` (a later version keeps them per keyring service or
 * vault). Read as plain data: offering a name from another store costs one wrong guess.
 */
async function storedKeys(): Promise<string[]> {
  const [{ readJson }, { metadataPath }] = await Promise.all([import("../runtime/jsonfile.js"), import("../store/metadata.js")]);
  const doc = readJson<{ secrets?: object; stores?: Record<string, object> } | null>(metadataPath(), null);
  const records = [doc?.secrets ?? {}, ...Object.values(doc?.stores ?? {})];
  const names = records.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : []));
  return [...new Set(names.filter((n) => /^([A-Za-z0-9_.-]+\/)?[A-Za-z_][A-Za-z0-9_]*$/.test(n)))].sort();
}

const sources: Sources = {
  keys: () => quietly(storedKeys),
  // The global config can add tools; when it cannot be read, the built-in ones still complete.
  tools: async () => {
    const { BUILTIN_TOOLS } = await import("../core/tools.js");
    const loaded = await quietly(async () => [...(await (await import("../project/tools.js")).loadRegistry()).tools.keys()]);
    return (loaded.length ? loaded : Object.keys(BUILTIN_TOOLS)).sort();
  },
  // Store keys named PROFILE/NAME belong to a profile.
  profiles: () =>
    quietly(async () => [...new Set((await storedKeys()).filter((k) => k.includes("/")).map((k) => k.slice(0, k.indexOf("/"))))]),
};

const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, " ");

export async function run({ positionals }: Input): Promise<number> {
  const [, flag = "", ...words] = positionals;
  if (!flag.startsWith("--current=")) return 2;
  const current = flag.slice("--current=".length);
  const { candidates, fallback } = await complete(COMMANDS, words, current, sources);
  const lines = candidates.map((c) => (c.description ? `${oneLine(c.value)}\t${oneLine(c.description)}` : oneLine(c.value)));
  process.stdout.write(`${[fallback, ...lines].join("\n")}\n`);
  return 0;
}
