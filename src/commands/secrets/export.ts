import { formatStoreKey, parseStoreKey, profileFlag, readStoreKey } from "../../core/names.js";
import { usageError } from "../../errors.js";
import { openStore } from "../../store/backend.js";
import { requireSecrets } from "../../store/secrets.js";
import { defaultShell, shellByName } from "../../shells/index.js";
import { parseCommand } from "../args.js";

export const help = `Usage: aim secrets export [KEY...] [--all] [--profile P] [--shell bash|zsh|fish|pwsh]

Print shell code that exports the keys, for the shell to evaluate:
  eval "$(aim secrets export OPENAI_API_KEY)"          bash, zsh
  aim secrets export --all --shell fish | source        fish
  aim secrets export --all --shell pwsh | Out-String | Invoke-Expression
A key of a profile is exported under its NAME: work/OPENAI_API_KEY as OPENAI_API_KEY.

Options:
  --all                  every stored key of the profile (the default profile unless --profile)
  --profile P            read plain KEYs (and --all) from profile P
  --shell NAME           the shell to write for (default: from $SHELL, else bash)
  -h, --help             show this help
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { all: { type: "boolean" }, shell: { type: "string" }, profile: { type: "string" } }, help);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (values.all && positionals.length > 0) throw usageError("give KEY names or --all, not both");
  if (!values.all && positionals.length === 0) throw usageError("name the keys to export, or pass --all", "see: aim secrets export --help");
  const shell = values.shell === undefined ? defaultShell() : shellByName(values.shell);
  const profile = profileFlag(values.profile);
  const keys = positionals.flatMap((p) => p.split(",").map((s) => s.trim()).filter(Boolean)).map((k) => formatStoreKey(parseStoreKey(k, profile)));
  const names = new Map<string, string>();
  for (const k of keys) {
    const name = readStoreKey(k)?.name as string;
    const other = names.get(name);
    if (other !== undefined && other !== k) throw usageError(`${other} and ${k} would both be exported as ${name}`, "export one of them");
    names.set(name, k);
  }
  const store = await openStore();
  const found = values.all
    ? new Map([...(await store.all())].filter(([k]) => readStoreKey(k)?.profile === profile))
    : await requireSecrets(store, [...names.values()]);
  const code = [...found].map(([k, v]) => shell.exportVar(readStoreKey(k)?.name as string, v)).join("\n");
  process.stdout.write(code === "" ? "" : `${code}\n`);
  return 0;
}
