import { maskValue } from "../../core/mask.js";
import { assertKeyName } from "../../core/names.js";
import { usageError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { log } from "../../runtime/log.js";
import { forbidPrompts } from "../../runtime/prompt-policy.js";
import { requireSecrets } from "../../store/secrets.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets get KEY [options]

Print KEY's value masked (sk-a…9f2), so that it can be recognised but not copied.

Options:
  --show                 print the exact value (one trailing newline on a terminal only);
                         never prompts: a missing key or a locked store exits 1 with a
                         message on stderr, so it works as a key helper:
                         "apiKeyHelper": "aim secrets get ANTHROPIC_API_KEY --show"
  --clipboard            copy the value to the clipboard; cleared again after 45 seconds
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { show: { type: "boolean" }, clipboard: { type: "boolean" } }, help);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usageError("expected exactly one KEY", "usage: aim secrets get KEY");
  const key = assertKeyName(positionals[0] as string);
  // --show is what key helpers run (Claude Code's apiKeyHelper, every 5 minutes, with no one
  // at the terminal): a locked store is an error on stderr, never a prompt that hangs the agent.
  if (values.show) forbidPrompts();
  const value = (await requireSecrets(await openStore(), [key])).get(key) as string;
  if (values.clipboard) {
    const { copyAndClearLater, clearAfterSeconds } = await import("../../terminal/clipboard.js");
    await copyAndClearLater(value);
    log.info(`copied ${key} to the clipboard; it is cleared in ${clearAfterSeconds()} seconds`);
    if (!values.show) return 0;
  }
  if (values.show) {
    process.stdout.write(process.stdout.isTTY ? `${value}\n` : value);
  } else {
    process.stdout.write(`${maskValue(value)}\n`);
  }
  return 0;
}
