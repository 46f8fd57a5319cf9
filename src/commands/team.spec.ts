import { defineCommand } from "../cli/spec.js";

const valueOptions = {
  prompt: { type: "boolean", description: "always ask with a hidden prompt" },
  stdin: { type: "boolean", description: "always read standard input" },
} as const;

export const whoami = defineCommand({
  name: "whoami",
  summary: "print your age public key (made on first use, kept in your store)",
  description: `Print your age public key (age1…), the one a member adds with aim team add. On first use
aim makes your identity and keeps it in your own store (the keyring, or the file vault),
never in a plain file. In CI, AIM_IDENTITY holds an identity instead (AGE-SECRET-KEY-1…).`,
  load: () => import("./team/whoami.js"),
});

export const initOptions = {
  name: { type: "string", value: "NAME", complete: "none", description: "the name written beside your key (default: $USER)" },
} as const;
export const init = defineCommand({
  name: "init",
  summary: "start .aim/recipients (with your key) and an empty .aim/team.age",
  description: `Start a team file beside the project's .aimrc (or here): .aim/recipients with your public
key, and an empty .aim/team.age encrypted to it. Commit both.`,
  options: initOptions,
  load: () => import("./team/init.js"),
});

export const addOptions = {
  name: { type: "string", value: "NAME", complete: "none", description: "a name for the key, written as a comment in .aim/recipients" },
} as const;
export const add = defineCommand({
  name: "add",
  summary: "add a member by public key; re-encrypts the file to everyone",
  description: `Add a member by age public key (what aim team whoami prints on their machine) and
re-encrypt .aim/team.age to everyone. You must be a member already.`,
  options: addOptions,
  positionals: [{ name: "KEY", required: true, complete: "none" }],
  load: () => import("./team/add.js"),
});

export const remove = defineCommand({
  name: "remove",
  summary: "remove a member; re-encrypts with a fresh file key",
  description: `Remove a member and re-encrypt .aim/team.age with a fresh file key to the others. The
removed member can still read every older copy in git history: rotate the values it
could read (aim lists them) at their source, then aim team set each again.`,
  positionals: [{ name: "KEY|NAME", required: true, complete: "none" }],
  load: () => import("./team/remove.js"),
});

export const setOptions = valueOptions;
export const set = defineCommand({
  name: "set",
  summary: "store a value in the team file (prompt or standard input)",
  description: `Store NAME in the team file (.aim/team.age), re-encrypted to every member. With no VALUE,
aim asks with a hidden prompt on a terminal and reads standard input otherwise. A project
hands it out as - VARIABLE: team:NAME in its .aimrc.`,
  options: setOptions,
  positionals: [
    { name: "NAME", required: true, complete: "none" },
    { name: "VALUE", complete: "none" },
  ],
  load: () => import("./team/set.js"),
});

export const getOptions = { show: { type: "boolean", description: "print the exact value" } } as const;
export const get = defineCommand({
  name: "get",
  summary: "print a value from the team file, masked unless --show",
  options: getOptions,
  positionals: [{ name: "NAME", required: true, complete: "none" }],
  load: () => import("./team/get.js"),
});

export const listOptions = {
  json: { type: "boolean", description: 'print {"file", "names", "members", "unlisted", "unsealed"}' },
} as const;
export const list = defineCommand({
  name: "list",
  summary: "the names in the team file (never values) and its members",
  description: `The names in the team file (never values) and its members. Says so, and exits 1, when
.aim/recipients and the people the file is encrypted to differ (one was edited without
the other).`,
  options: listOptions,
  load: () => import("./team/list.js"),
});

export const del = defineCommand({
  name: "delete",
  summary: "remove a name from the team file",
  description: "Remove NAME from the team file (it stays readable in git history: rotate it if it leaked).",
  positionals: [{ name: "NAME", required: true, complete: "none" }],
  load: () => import("./team/delete.js"),
});

export const merge = defineCommand({
  name: "merge",
  summary: "a git merge driver for .aim/team.age",
  description: `A git merge driver for .aim/team.age: decrypts the three versions, merges them name by name
(and member by member), and writes the result, encrypted, over OURS. A name changed on both
sides differently is a conflict: aim names it, leaves OURS as it was, and exits 1 so git
marks the file unmerged. Set it up once per clone:
  git config merge.aim-team.driver "aim team merge %O %A %B"
and in .gitattributes:
  .aim/team.age merge=aim-team`,
  positionals: [
    { name: "BASE", required: true, complete: "file" },
    { name: "OURS", required: true, complete: "file" },
    { name: "THEIRS", required: true, complete: "file" },
  ],
  load: () => import("./team/merge.js"),
});

export const team = defineCommand({
  name: "team",
  summary: "a team file shared in the repository (age, to every member)",
  description: `A team file: keys shared with the people (and CI) listed in .aim/recipients, encrypted with
age to each of them in .aim/team.age, committed beside the project's .aimrc. A project
reads them as team:NAME references. age -d -i IDENTITY .aim/team.age decrypts it without aim.`,
  subcommands: [whoami, init, add, remove, set, get, list, del, merge],
});
