import { SHELL_NAMES } from "../shells/types.js";
import { defineCommand } from "../cli/spec.js";

const json = {
  type: "boolean",
  description: "print a JSON array of {key, profile, name, description, created, updated, store, present, unreachable}",
} as const;
const profile = { type: "string", value: "P", complete: "profile", description: "the profile of a plain KEY (KEY is then P/KEY)" } as const;
const description = { type: "string", short: "d", value: "TEXT", complete: "none" } as const;

export const setOptions = {
  prompt: { type: "boolean", description: "always ask with a hidden prompt" },
  stdin: { type: "boolean", description: "always read standard input" },
  description: { ...description, description: "a note kept beside the key (never the value)" },
  profile,
  force: {
    type: "boolean",
    description: "store a name that changes how programs start (PATH, LD_PRELOAD, NODE_OPTIONS, PROMPT_COMMAND, ...: see docs/secrets.md)",
  },
} as const;

export const set = defineCommand({
  name: "set",
  summary: "store a key (hidden prompt on a terminal, else standard input)",
  description: `Store KEY in the keyring (or the vault). KEY is NAME (the default profile) or PROFILE/NAME:
aim secrets set work/OPENAI_API_KEY and aim secrets set OPENAI_API_KEY --profile work are
the same entry. With no VALUE, aim asks for it with a hidden
prompt on a terminal, and reads standard input otherwise (one trailing newline stripped):
  printf %s "$TOKEN" | aim secrets set GITHUB_TOKEN`,
  options: setOptions,
  positionals: [
    { name: "KEY", required: true, complete: "key" },
    { name: "VALUE", complete: "none" },
  ],
  load: () => import("./secrets/set.js"),
});

export const getOptions = {
  show: {
    type: "boolean",
    description:
      'print the exact value (one trailing newline on a terminal only); never prompts: a\nmissing key or a locked store exits 1 with a message on stderr, so it works as a key\nhelper: "apiKeyHelper": "aim secrets get ANTHROPIC_API_KEY --show"',
  },
  clipboard: { type: "boolean", description: "copy the value to the clipboard; cleared again after 45 seconds" },
  profile,
} as const;

export const get = defineCommand({
  name: "get",
  summary: "print a key, masked unless --show; --clipboard copies it",
  description: "Print KEY's value (NAME or PROFILE/NAME) masked (sk-a…9f2), so that it can be recognised but not copied.",
  options: getOptions,
  positionals: [{ name: "KEY", required: true, complete: "key" }],
  load: () => import("./secrets/get.js"),
});

export const listOptions = {
  profile: { ...profile, description: 'only the keys of profile P ("default" for plain names)' },
  json,
} as const;

export const list = defineCommand({
  name: "list",
  aliases: ["ls"],
  summary: "the stored keys and their metadata (never values)",
  description: `List the stored keys with their profile, description, created and updated times, and
whether the store (keyring or vault) really holds a value. Values are never shown.`,
  options: listOptions,
  load: () => import("./secrets/list.js"),
});

export const deleteOptions = { profile } as const;

export const del = defineCommand({
  name: "delete",
  aliases: ["rm"],
  summary: "remove a key and its metadata",
  description:
    "Remove KEY (NAME or PROFILE/NAME) from the store (keyring or vault) and forget its metadata. A key that does not exist is an error.",
  options: deleteOptions,
  positionals: [{ name: "KEY", required: true, complete: "key" }],
  load: () => import("./secrets/delete.js"),
});

export const exportOptions = {
  all: { type: "boolean", description: "every stored key of the profile (the default profile unless --profile)" },
  profile: { ...profile, description: "read plain KEYs (and --all) from profile P" },
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
  aim secrets export --all --shell pwsh | Out-String | Invoke-Expression
A key of a profile is exported under its NAME: work/OPENAI_API_KEY as OPENAI_API_KEY.`,
  options: exportOptions,
  positionals: [{ name: "KEY", variadic: true, complete: "key" }],
  load: () => import("./secrets/export.js"),
});

export const importOptions = {
  description: { ...description, description: "a note kept beside every imported key" },
  profile: { ...profile, description: "store each NAME as P/NAME" },
  force: {
    type: "boolean",
    description:
      "also store names that change how programs start (PATH, LD_PRELOAD, NODE_OPTIONS, PROMPT_COMMAND, ...: see docs/secrets.md)",
  },
} as const;

export const importEnv = defineCommand({
  name: "import",
  summary: "move a .env file's values into the keyring",
  description: `Read a .env file and store each of its values in the keyring. Every line and value is
checked first: if one is bad (a line that is not KEY=value, a comment or blank; a bad
name; a value no program could receive), nothing is stored. Values are never printed.
Once imported, delete the plaintext file.`,
  options: importOptions,
  positionals: [{ name: "FILE", required: true, complete: "file" }],
  load: () => import("./secrets/import.js"),
});

export const migrateOptions = {
  to: {
    type: "string",
    value: "BACKEND",
    required: true,
    choices: ["file", "keyring"],
    complete: "backend",
    description: "file or keyring",
  },
  force: { type: "boolean", description: "overwrite keys that the target already holds with other values" },
} as const;

export const migrate = defineCommand({
  name: "migrate",
  summary: "move every key to the other backend (file or keyring)",
  description: `Move every stored key from the backend in use to the other one: the encrypted file vault
(file) or the OS keyring (keyring). Each value is copied, read back from the target, and
only then deleted from the source; profiles (work/NAME stays work/NAME), descriptions and
times are kept. The new backend is then recorded as "backend" in the global config,
$AIM_CONFIG_DIR/config.json or config.yaml, whichever exists (unless AIM_BACKEND is set,
which you then change yourself). Names are reported, values never.`,
  options: migrateOptions,
  load: () => import("./secrets/migrate.js"),
});

export const secrets = defineCommand({
  name: "secrets",
  summary: "manage the stored keys",
  description: `Manage the keys aim keeps in the OS keyring (or the encrypted file vault: aim vault --help).
KEY is NAME (the default profile) or PROFILE/NAME (work/OPENAI_API_KEY); --profile P says
the same for a plain NAME.`,
  subcommands: [set, get, list, del, exportKeys, importEnv, migrate],
});
