import { SHELL_NAMES } from "../../shells/types.js";
import { defineCommand } from "../spec.js";

const json = { type: "boolean", description: "print a JSON array of {name, description, created, updated, present}" } as const;
const description = { type: "string", short: "d", value: "TEXT", complete: "none" } as const;

export const setOptions = {
  prompt: { type: "boolean", description: "always ask with a hidden prompt" },
  stdin: { type: "boolean", description: "always read standard input" },
  description: { ...description, description: "a note kept beside the key (never the value)" },
} as const;

export const set = defineCommand({
  name: "set",
  summary: "store a key (hidden prompt on a terminal, else standard input)",
  description: `Store KEY in the keyring (or the vault). With no VALUE, aim asks for it with a hidden
prompt on a terminal, and reads standard input otherwise (one trailing newline stripped):
  printf %s "$TOKEN" | aim secrets set GITHUB_TOKEN`,
  options: setOptions,
  positionals: [{ name: "KEY", required: true, complete: "key" }, { name: "VALUE", complete: "none" }],
  load: () => import("../secrets/set.js"),
});

export const getOptions = {
  show: { type: "boolean", description: "print the exact value (one trailing newline on a terminal only)" },
  clipboard: { type: "boolean", description: "copy the value to the clipboard; cleared again after 45 seconds" },
} as const;

export const get = defineCommand({
  name: "get",
  summary: "print a key, masked unless --show; --clipboard copies it",
  description: "Print KEY's value masked (sk-a…9f2), so that it can be recognised but not copied.",
  options: getOptions,
  positionals: [{ name: "KEY", required: true, complete: "key" }],
  load: () => import("../secrets/get.js"),
});

export const listOptions = { json } as const;

export const list = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "the stored keys and their metadata (never values)",
  description: `List the stored keys with their description, created and updated times, and whether the
store (keyring or vault) really holds a value. Values are never shown.`,
  options: listOptions,
  load: () => import("../secrets/list.js"),
});

export const del = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "remove a key and its metadata",
  description: "Remove KEY from the store (keyring or vault) and forget its metadata. A key that does not exist is an error.",
  positionals: [{ name: "KEY", required: true, complete: "key" }],
  load: () => import("../secrets/delete.js"),
});

export const exportOptions = {
  all: { type: "boolean", description: "every stored key" },
  shell: {
    type: "string",
    value: "NAME",
    choices: SHELL_NAMES,
    complete: "shell",
    description: "the shell to write for (default: from $SHELL, else bash)",
  },
} as const;

export const exportKeys = defineCommand({
  name: "export",
  summary: `print shell code that exports keys: eval "$(aim secrets export --all)"`,
  description: `Print shell code that exports the keys, for the shell to evaluate:
  eval "$(aim secrets export OPENAI_API_KEY)"          bash, zsh
  aim secrets export --all --shell fish | source        fish
  aim secrets export --all --shell pwsh | Out-String | Invoke-Expression`,
  options: exportOptions,
  positionals: [{ name: "KEY", variadic: true, complete: "key" }],
  load: () => import("../secrets/export.js"),
});

export const importOptions = { description: { ...description, description: "a note kept beside every imported key" } } as const;

export const importEnv = defineCommand({
  name: "import",
  summary: "move a .env file's values into the keyring",
  description: `Read a .env file and store each of its values in the keyring. Every name and value is
checked first: if one is bad, nothing is stored. Values are never printed. Once imported,
delete the plaintext file.`,
  options: importOptions,
  positionals: [{ name: "FILE", required: true, complete: "file" }],
  load: () => import("../secrets/import.js"),
});

export const migrateOptions = {
  to: { type: "string", value: "BACKEND", required: true, choices: ["file", "keyring"], complete: "backend", description: "file or keyring" },
  force: { type: "boolean", description: "overwrite keys that the target already holds with other values" },
} as const;

export const migrate = defineCommand({
  name: "migrate",
  summary: "move every key to the other backend (file or keyring)",
  description: `Move every stored key from the backend in use to the other one: the encrypted file vault
(file) or the OS keyring (keyring). Each value is copied, read back from the target, and
only then deleted from the source; descriptions and times are kept. The new backend is
then recorded as "backend" in $AIM_CONFIG_DIR/config.json (unless AIM_BACKEND is set,
which you then change yourself). Names are reported, values never.`,
  options: migrateOptions,
  load: () => import("../secrets/migrate.js"),
});

export const secrets = defineCommand({
  name: "secrets",
  summary: "manage the stored keys",
  description: "Manage the keys aim keeps in the OS keyring (or the encrypted file vault: aim vault --help).",
  subcommands: [set, get, list, del, exportKeys, importEnv, migrate],
});
