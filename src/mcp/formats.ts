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
import { getNodeValue } from "jsonc-parser/lib/esm/main.js";
import { AimError } from "../errors.js";
import type { McpFormat } from "./clients.js";

export type Path = (string | number)[];
/** Set `value` at `path`; `undefined` deletes. */
export interface Edit {
  path: Path;
  value: unknown;
}

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
      const { parseDocument } = await import("yaml");
      const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
      if (doc.errors.length > 0) throw bad(path, `is not valid YAML (${doc.errors[0]?.code} at offset ${doc.errors[0]?.pos[0]})`, client);
      const duplicates = yamlDuplicates(doc.contents);
      const js = doc.toJS({ maxAliasCount: 100 });
      if (typeof js !== "object" || js === null || Array.isArray(js)) throw bad(path, "is not a YAML mapping", client);
      return { doc: js, duplicates };
    }
    const { parse } = await import("@decimalturn/toml-patch");
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

/** The text with the edits made, every other byte kept as far as the format's library allows. */
export async function editConfig(text: string, format: McpFormat, edits: Edit[]): Promise<string> {
  if (edits.length === 0) return text;
  if (format === "json" || format === "jsonc") {
    const formattingOptions = formatting(text);
    let next = text;
    for (const e of edits) next = applyEdits(next, modify(next, e.path, e.value, { formattingOptions }));
    return next;
  }
  if (format === "yaml") {
    const { parseDocument } = await import("yaml");
    const doc = parseDocument(text, { uniqueKeys: false });
    for (const e of edits) {
      if (e.value === undefined) doc.deleteIn(e.path);
      else doc.setIn(e.path, doc.createNode(e.value, { flow: Array.isArray(e.value) }));
    }
    return doc.toString({ lineWidth: 0 });
  }
  const toml = await import("@decimalturn/toml-patch");
  const doc = toml.parse(text) as Record<string, unknown>;
  for (const e of edits) setIn(doc, e.path, e.value);
  return toml.patch(text, doc);
}
