import { formatStoreKey, parseStoreKey, profileFlag } from "../../core/names.js";
import { refusedNames } from "../../core/reserved-names.js";
import { assertStorableValue, decodeUtf8, stripOneNewline } from "../../core/values.js";
import { usageError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { promptHidden, readStdinBytes } from "../../terminal/input.js";
import { log } from "../../runtime/log.js";
import { storeSecrets } from "../../store/secrets.js";
import { assertPassPath, passInsert } from "../../store/pass.js";
import type { Input } from "../spec.js";
import type { setOptions } from "../specs/secrets.js";

export async function readValue(key: string, positional: string | undefined, mode: "prompt" | "stdin" | "auto") {
  if (positional !== undefined) {
    log.warn(`a value on the command line lands in shell history and the process list; next time run: aim secrets set ${key}`);
    return { value: positional, source: "the command line" };
  }
  const usePrompt = mode === "prompt" || (mode === "auto" && process.stdin.isTTY === true);
  if (usePrompt) {
    if (!process.stdin.isTTY) throw usageError("--prompt needs a terminal on standard input", "pipe the value in with --stdin instead");
    return { value: await promptHidden(`Value for ${key}: `), source: "the prompt" };
  }
  // Bytes that are not UTF-8 would be stored altered (U+FFFD): refuse them instead.
  const text = decodeUtf8(
    await readStdinBytes(),
    `the value for ${key} on standard input`,
    `store binary data base64-encoded: base64 -w0 FILE | aim secrets set ${key}`,
  );
  return { value: stripOneNewline(text), source: "standard input" };
}

export async function run({ values, positionals }: Input<typeof setOptions>): Promise<number> {
  if (values.prompt && values.stdin) throw usageError("--prompt and --stdin exclude each other");
  const ref = positionals[0] as string;
  const storeKey = ref.startsWith("pass:") ? undefined : parseStoreKey(ref, profileFlag(values.profile));
  const key = storeKey ? formatStoreKey(storeKey) : `pass:${assertPassPath(ref.slice(5))}`;
  if (storeKey) refusedNames([storeKey.name], values.force === true, `aim secrets set ${key}`);
  const mode = values.prompt ? "prompt" : values.stdin ? "stdin" : "auto";
  const { value, source } = await readValue(key, positionals[1], mode);
  assertStorableValue(key, value, source);
  if (key.startsWith("pass:")) {
    await passInsert(key.slice(5), value);
    log.info(`stored ${key} in the password store`);
    return 0;
  }
  const store = await openStore();
  const { created } = await storeSecrets(store, [[key, value]], values.description);
  log.info(`${created.length ? "stored" : "updated"} ${key} in the ${store.location}`);
  return 0;
}
