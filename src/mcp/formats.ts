// Reading and editing client configs in their own format, keeping every byte that is not
// changed: JSON and JSONC with jsonc-parser (already a dependency), YAML with `yaml`'s
// Document API, TOML with @decimalturn/toml-patch. The YAML and TOML libraries load only when
// such a file is read (never on aim exec's path).
import {
  applyEdits,
  type FormattingOptions,
  modify,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser/lib/esm/main.js";
import { findNodeAtLocation, getNodeValue } from "jsonc-parser/lib/esm/main.js";
import { AimError } from "../errors.js";
import type { McpFormat } from "./clients.js";

export type Path = (string | number)[];
/** Set `value` at `path`; `undefined` deletes. */
export interface Edit {
  path: Path;
  value: unknown;
}

type YamlModule = typeof import("yaml");
type TomlModule = typeof import("@decimalturn/toml-patch");
// yaml ships CommonJS for Node: in the bundle its exports sit on `default`.
const loadYaml = async (): Promise<YamlModule> => {
  const m = (await import("yaml")) as YamlModule & { default?: YamlModule };
  return "parseDocument" in m && typeof m.parseDocument === "function" ? m : (m.default as YamlModule);
};
const loadToml = async (): Promise<TomlModule> => {
  const m = (await import("@decimalturn/toml-patch")) as TomlModule & { default?: TomlModule };
  return "parse" in m && typeof m.parse === "function" ? m : (m.default as TomlModule);
};

/** Deeper than this, a config is refused: no client writes one, and parsers recurse. */
export const MAX_DEPTH = 200;

export interface Parsed {
  doc: unknown;
  /** Objects that name a key twice: the path of the object and the key. */
  duplicates: Array<{ path: Path; key: string }>;
}

const bad = (path: string, what: string, client: string) =>
  new AimError("CONFIG_INVALID", `${path} ${what}`, { hint: `fix the file in ${client}, then run the command again` });

/** The nesting depth of a JSON text, counted without recursion (strings and comments skipped). */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2);
      if (i < 0) break;
      i++;
    } else if (c === "{" || c === "[") {
      if (++depth > max) max = depth;
    } else if (c === "}" || c === "]") depth--;
  }
  return max;
}

/** Every object in the tree that names a key twice, walked without recursion. */
function jsonDuplicates(root: Node): Array<{ path: Path; key: string }> {
  const out: Array<{ path: Path; key: string }> = [];
  const stack: Array<[Node, Path]> = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [Node, Path];
    if (node.type === "object") {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0]?.value as string;
        if (seen.has(key)) out.push({ path, key });
        seen.add(key);
        const v = prop.children?.[1];
        if (v) stack.push([v, [...path, key]]);
      }
    } else if (node.type === "array") {
      for (const [i, c] of (node.children ?? []).entries()) stack.push([c, [...path, i]]);
    }
  }
  return out;
}

/** Parses a config in its format; a text aim cannot read throws an AimError that names the file. */
export async function parseConfig(text: string, format: McpFormat, path: string, client: string): Promise<Parsed> {
  try {
    if (format === "json" || format === "jsonc") {
      if (jsonDepth(text) > MAX_DEPTH) throw bad(path, `is nested more than ${MAX_DEPTH} levels deep: aim does not read it`, client);
      const errors: ParseError[] = [];
      const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
      if (errors.length > 0 || !tree || tree.type !== "object") {
        const first = errors[0];
        const where = first ? ` (${printParseErrorCode(first.error)} at offset ${first.offset})` : "";
        throw bad(path, `is not a JSON object${where}`, client);
      }
      return { doc: getNodeValue(tree), duplicates: jsonDuplicates(tree) };
    }
    if (format === "yaml") {
      const { parseDocument } = await loadYaml();
      const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
      if (doc.errors.length > 0) throw bad(path, `is not valid YAML (${doc.errors[0]?.code} at offset ${doc.errors[0]?.pos[0]})`, client);
      const duplicates = yamlDuplicates(doc.contents);
      const js = doc.toJS({ maxAliasCount: 100 });
      if (typeof js !== "object" || js === null || Array.isArray(js)) throw bad(path, "is not a YAML mapping", client);
      return { doc: js, duplicates };
    }
    const { parse } = await loadToml();
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (err) {
      const msg = (err as Error).message.split("\n")[0];
      if (/duplicate|already|redefin/i.test(msg ?? "")) throw bad(path, `names a key twice (${msg})`, client);
      throw bad(path, `is not valid TOML (${msg})`, client);
    }
    return { doc, duplicates: [] };
  } catch (err) {
    if (err instanceof RangeError) throw bad(path, `is nested more than ${MAX_DEPTH} levels deep: aim does not read it`, client);
    throw err;
  }
}

interface YamlNodeLike {
  items?: Array<{ key?: { value?: unknown } | null; value?: unknown } | unknown>;
}

function yamlDuplicates(root: unknown): Array<{ path: Path; key: string }> {
  const out: Array<{ path: Path; key: string }> = [];
  const stack: Array<[unknown, Path]> = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, Path];
    const items = (node as YamlNodeLike | null)?.items;
    if (!Array.isArray(items)) continue;
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const pair = item as { key?: { value?: unknown } | null; value?: unknown };
      if (pair && typeof pair === "object" && "key" in pair) {
        const key = String(pair.key?.value ?? pair.key);
        if (seen.has(key)) out.push({ path, key });
        seen.add(key);
        stack.push([pair.value, [...path, key]]);
      } else stack.push([item, [...path, i]]);
    });
  }
  return out;
}

/** The file's own indentation and line ends, so that edited lines look like their neighbours. */
function formatting(text: string): FormattingOptions {
  const indent = text.match(/^([ \t]+)\S/m)?.[1] ?? "  ";
  const tabs = indent.includes("\t");
  return { insertSpaces: !tabs, tabSize: tabs ? 1 : indent.length, eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

function setIn(obj: Record<string | number, unknown>, path: Path, value: unknown): void {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== "object" || o[k] === null) o[k] = {};
    o = o[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

/**
 * An entry added at the end of a JSON array that has entries already (VS Code's inputs), as
 * one line after the last, at its indentation: jsonc-parser's modify would re-indent the
 * entries before it. Undefined when the edit is not that.
 */
function appendToArray(text: string, e: Edit): string | undefined {
  const index = e.path[e.path.length - 1];
  if (typeof index !== "number" || e.value === undefined) return undefined;
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const array = tree && findNodeAtLocation(tree, e.path.slice(0, -1));
  const last = array?.type === "array" ? array.children?.[array.children.length - 1] : undefined;
  if (!array || !last || index !== array.children?.length) return undefined;
  const end = last.offset + last.length;
  const lineStart = text.lastIndexOf("\n", last.offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return `${text.slice(0, end)},${eol}${indent}${oneLine(e.value)}${text.slice(end)}`;
}

/** The text with the edits made, every other byte kept as far as the format's library allows. */
export async function editConfig(text: string, format: McpFormat, edits: Edit[]): Promise<string> {
  if (edits.length === 0) return text;
  if (format === "json" || format === "jsonc") {
    const formattingOptions = formatting(text);
    let next = text;
    for (const e of edits) next = appendToArray(next, e) ?? applyEdits(next, modify(next, e.path, e.value, { formattingOptions }));
    return next;
  }
  if (format === "yaml") return editYaml(text, edits, await loadYaml());
  const toml = await loadToml();
  const doc = toml.parse(text) as Record<string, unknown>;
  for (const e of edits) setIn(doc, e.path, e.value);
  return toml.patch(text, doc);
}

interface Splice {
  start: number;
  end: number;
  text: string;
}
type YNode = { range?: [number, number, number]; flow?: boolean; items?: unknown[] };
type YPair = { key: YNode & { value?: unknown }; value: YNode | null };

/** JSON is YAML: a value written as JSON needs no YAML quoting rules of its own. */
const yamlValue = (v: unknown): string => oneLine(v);

/** A value as one line of JSON, with a space after each comma and colon as people write it. */
const oneLine = (v: unknown): string => JSON.stringify(v, null, 1).replace(/\n\s*/g, " ").replace(/\[ /g, "[").replace(/ \]/g, "]");

/**
 * YAML edits as byte-range splices on the original text, found through yaml's node ranges:
 * a replaced value is written in JSON's flow style in place of the old one, a deleted entry
 * loses its own lines (with its comment), and every other byte stays, where yaml's
 * Document.toString would re-render the whole file.
 */
function editYaml(text: string, edits: Edit[], yaml: YamlModule): string {
  const doc = yaml.parseDocument(text, { uniqueKeys: false });
  const splices: Splice[] = [];
  const pairOf = (path: Path): { parent: YNode; pair?: YPair } => {
    const parent = doc.getIn(path.slice(0, -1), true) as YNode | undefined;
    if (!parent?.items) throw new Error(`yaml edit: no collection at ${path.slice(0, -1).join(".")}`);
    const last = path[path.length - 1];
    const pair = parent.items.find((p) => yaml.isPair(p) && String((p as YPair).key?.value ?? (p as YPair).key) === String(last)) as
      | YPair
      | undefined;
    return { parent, pair };
  };
  const lineStart = (at: number): number => {
    const nl = text.lastIndexOf("\n", at - 1) + 1;
    return /^[ \t]*$/.test(text.slice(nl, at)) ? nl : at;
  };
  for (const e of edits) {
    const { parent, pair } = pairOf(e.path);
    const last = String(e.path[e.path.length - 1]);
    if (parent.flow) {
      // A flow collection ({a: 1, b: 2}) is written anew as JSON, with the change made.
      const js = (yaml.isNode(parent) ? (parent as unknown as { toJSON(): unknown }).toJSON() : {}) as Record<string, unknown>;
      if (e.value === undefined) delete js[last];
      else js[last] = e.value;
      const [start, end] = parent.range as [number, number, number];
      splices.push({ start, end, text: yamlValue(js) });
      continue;
    }
    if (e.value === undefined) {
      if (!pair) continue;
      const start = lineStart(pair.key.range?.[0] as number);
      const end = (pair.value?.range?.[2] ?? pair.key.range?.[2]) as number;
      splices.push({ start, end, text: "" });
      continue;
    }
    if (pair?.value?.range) {
      const [start, end] = pair.value.range;
      const newline = text[end - 1] === "\n" ? "\n" : "";
      // A block collection (on the lines below its key) becomes a flow one on the key's line.
      const block = pair.value.items !== undefined && !pair.value.flow;
      const from = block ? (pair.key.range?.[1] as number) : start;
      splices.push({ start: from, end, text: `${block ? ": " : ""}${yamlValue(e.value)}${newline}` });
      continue;
    }
    // A new entry: after the map's last one, at its indentation.
    const lastPair = parent.items?.[parent.items.length - 1] as YPair | undefined;
    const keyStart = lastPair?.key.range?.[0] as number;
    const indent = keyStart - (text.lastIndexOf("\n", keyStart - 1) + 1);
    const at = (lastPair?.value?.range?.[2] ?? lastPair?.key.range?.[2]) as number;
    const nl = text[at - 1] === "\n" ? "" : "\n";
    splices.push({ start: at, end: at, text: `${nl}${" ".repeat(indent)}${last}: ${yamlValue(e.value)}\n` });
  }
  splices.sort((a, b) => b.start - a.start);
  for (let i = 1; i < splices.length; i++) {
    if ((splices[i] as Splice).end > (splices[i - 1] as Splice).start) throw new Error("yaml edit: overlapping changes");
  }
  let out = text;
  for (const sp of splices) out = out.slice(0, sp.start) + sp.text + out.slice(sp.end);
  return out;
}
