import { readStoreKey } from "../../core/names.js";
import { AimError } from "../../errors.js";
import { openContext } from "../../store/context.js";
import { requireSecrets } from "../../store/secrets.js";
import type { Input } from "../../cli/spec.js";
import type { headersOptions } from "../mcp.spec.js";

const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-_]*$/;
const TEMPLATE = /\{([^{}]+)\}/g;

/**
 * Claude Code's headersHelper: prints the server's headers as one JSON object, each
 * `'Name: text {KEY} text'` with {KEY} filled from the store. The values go to
 * stdout only, which Claude Code reads; nothing is written anywhere else.
 */
export async function run({ positionals }: Input<typeof headersOptions>): Promise<number> {
  const specs = positionals.slice(1);
  if (specs.length === 0) {
    throw new AimError("USAGE", "aim mcp headers needs at least one 'Name: {KEY}' after the server's name", {
      hint: "aim mcp secure writes this command into Claude Code's headersHelper for you",
    });
  }
  const parsed = specs.map((spec) => {
    const m = /^([^:]+):\s?(.*)$/s.exec(spec);
    if (!m || !HEADER_NAME.test(m[1] as string)) {
      throw new AimError("USAGE", `a header is 'Name: text {KEY}', not ${JSON.stringify(spec)}`, {
        hint: "e.g. aim mcp headers linear 'Authorization: Bearer {LINEAR_TOKEN}'",
      });
    }
    const keys = [...(m[2] as string).matchAll(TEMPLATE)].map((k) => k[1] as string);
    for (const k of keys)
      if (!readStoreKey(k)) throw new AimError("USAGE", `{${k}} is not a key name`, { hint: "use {NAME} or {PROFILE/NAME}" });
    return { name: m[1] as string, template: m[2] as string, keys };
  });
  const all = [...new Set(parsed.flatMap((p) => p.keys))];
  const got = await requireSecrets(await openContext().store(), all);
  const out: Record<string, string> = {};
  for (const p of parsed) out[p.name] = p.template.replace(TEMPLATE, (_, k: string) => got.get(k) as string);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  return 0;
}
