import { readStoreKey, type StoreKey } from "../../core/names.js";
import { formatReference, parseReference } from "../../core/reference.js";
import { refusedNames } from "../../core/reserved-names.js";
import { assertStorableValue, decodeUtf8, stripOneNewline } from "../../core/values.js";
import { usageError } from "../../errors.js";
import { openContext } from "../../store/context.js";
import { promptHidden, readStdinBytes } from "../../terminal/input.js";
import { log } from "../../runtime/log.js";
import { targetWriter } from "../../store/secrets.js";
import { targetOf } from "./get.js";
import type { Input } from "../../cli/spec.js";
import type { setOptions } from "../secrets.spec.js";

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
  const { target, projectDir } = await targetOf(positionals[0] as string, values.profile);
  // A provider's path is checked before a value is asked for: its one rule, in core/reference.ts.
  const key = target.scheme === "store" ? target.key : formatReference(parseReference(formatReference(target)));
  if (target.scheme === "store") refusedNames([(readStoreKey(key) as StoreKey).name], values.force === true, `aim secrets set ${key}`);
  const write = await targetWriter(openContext({ projectDir }), target);
  const mode = values.prompt ? "prompt" : values.stdin ? "stdin" : "auto";
  const { value, source } = await readValue(key, positionals[1], mode);
  assertStorableValue(key, value, source);
  log.info(await write(value, values.description));
  return 0;
}
