import { assertKeyName } from "../../core/names.js";
import { assertStorableValue, decodeUtf8, stripOneNewline } from "../../core/values.js";
import { usageError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { promptHidden, readStdinBytes } from "../../terminal/input.js";
import { log } from "../../runtime/log.js";
import { storeSecrets } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets set KEY [VALUE] [options]

Store KEY in the keyring (or the vault). With no VALUE, aim asks for it with a hidden
prompt on a terminal, and reads standard input otherwise (one trailing newline stripped):
  printf %s "$TOKEN" | aim secrets set GITHUB_TOKEN

Options:
  --prompt               always ask with a hidden prompt
  --stdin                always read standard input
  --description TEXT     a note kept beside the key (never the value)
  -h, --help             show this help
`;

async function readValue(key: string, positional: string | undefined, mode: "prompt" | "stdin" | "auto") {
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
  const text = decodeUtf8(await readStdinBytes(), `the value for ${key} on standard input`, `store binary data base64-encoded: base64 -w0 FILE | aim secrets set ${key}`);
  return { value: stripOneNewline(text), source: "standard input" };
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    { prompt: { type: "boolean" }, stdin: { type: "boolean" }, description: { type: "string", short: "d" } },
    help,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw usageError("missing KEY", "usage: aim secrets set KEY [VALUE]");
  if (positionals.length > 2) throw usageError("too many arguments", "quote a value that holds spaces, or better, pipe it in");
  if (values.prompt && values.stdin) throw usageError("--prompt and --stdin exclude each other");
  const key = assertKeyName(positionals[0] as string);
  const mode = values.prompt ? "prompt" : values.stdin ? "stdin" : "auto";
  const { value, source } = await readValue(key, positionals[1], mode);
  assertStorableValue(key, value, source);
  const store = await openStore();
  const { created } = await storeSecrets(store, [[key, value]], values.description);
  log.info(`${created.length ? "stored" : "updated"} ${key} in the ${store.location}`);
  return 0;
}
