import type { CommandSpec, OptionSpec, PositionalSpec } from "./spec.js";

/** The usage line of a command, from its spec: `aim secrets set KEY [VALUE] [options]`. */

const flag = (name: string, o: OptionSpec, brief: boolean): string =>
  `--${name}${o.type === "string" ? ` ${o.choices && !brief ? o.choices.join("|") : (o.value ?? "VALUE")}` : ""}`;

const positional = (p: PositionalSpec): string => {
  const shown = p.choices && p.name.startsWith("<") ? `<${p.choices.join("|")}>` : p.name;
  const many = p.variadic ? `${shown}...` : shown;
  return p.required ? many : `[${many}]`;
};

/**
 * The arguments after the command's path, as the usage line shows them; `brief` (a group's
 * listing of its commands) leaves out the options that are not required.
 */
export function usageArgs(spec: CommandSpec, brief = false): string {
  if (spec.subcommands) return "<command> [options]";
  const entries = Object.entries(spec.options ?? {});
  const listed = brief ? entries.filter(([, o]) => o.required) : entries.length <= 2 && !spec.passthrough ? entries : [];
  const options = listed.map(([n, o]) => (o.required ? flag(n, o, brief) : `[${flag(n, o, brief)}]`));
  if (!brief && listed.length < entries.length) options.push("[options]");
  const words = (spec.positionals ?? []).map(positional);
  if (spec.passthrough) return [...options, ...(spec.passthrough === "dashdash" ? ["--"] : []), ...words].join(" ");
  return [...words, ...options].join(" ");
}

export const usageLine = (path: readonly string[], spec: CommandSpec): string =>
  ["aim", ...path, usageArgs(spec)].filter(Boolean).join(" ");
