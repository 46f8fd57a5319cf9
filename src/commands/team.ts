import { dispatch } from "./group.js";

export const help = `Usage: aim team <command> [options]

A team file: keys shared with the people (and CI) listed in .aim/recipients, encrypted with
age to each of them in .aim/team.age, committed beside the project's .aimrc. A project
reads them as team:NAME references. age -d -i IDENTITY .aim/team.age decrypts it without aim.

Commands:
  whoami                 print your age public key (made on first use, kept in your store)
  init                   start .aim/recipients (with your key) and an empty .aim/team.age
  add KEY [--name N]     add a member; re-encrypts the file to everyone
  remove KEY|NAME        remove a member; re-encrypts with a fresh file key
  set NAME [VALUE]       store a value in the team file (prompt or standard input)
  get NAME [--show]      print a value, masked unless --show
  list [--json]          the names in the team file (never values), and who can read it
  delete NAME            remove a name from the team file
  merge BASE OURS THEIRS a git merge driver for .aim/team.age (see the README)

Run aim team <command> --help for its options.
`;

const SUBCOMMANDS = {
  whoami: () => import("./team/whoami.js"),
  init: () => import("./team/init.js"),
  add: () => import("./team/add.js"),
  remove: () => import("./team/remove.js"),
  set: () => import("./team/set.js"),
  get: () => import("./team/get.js"),
  list: () => import("./team/list.js"),
  delete: () => import("./team/delete.js"),
  merge: () => import("./team/merge.js"),
};

export const run = (args: string[]): Promise<number> => dispatch("team", help, SUBCOMMANDS, args);
