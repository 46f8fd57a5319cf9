/**
 * The lines of a .env file that its parser did not take: neither blank, nor a comment,
 * nor a KEY=value, nor inside a quoted value that spans lines. dotenv skips such lines
 * silently (`A B=x`, `=x`, a stray word); aim refuses the file instead, so that no value is
 * lost when the user deletes the file after an import. `parseOne` is the parser itself
 * (dotenv's parse), run on one line at a time: what it takes alone, it takes in the file.
 */
export function untakenLines(text: string, parseOne: (line: string) => Record<string, string>): number[] {
  // dotenv reads \r\n and \r as \n too.
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  const bad: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    if (Object.keys(parseOne(line)).length !== 1) {
      bad.push(i + 1);
      continue;
    }
    // A quote opened after = and not closed on this line runs on to the line that closes it
    // (dotenv's multi-line values); with no such line, dotenv took the quote literally.
    const open = line.match(/^\s*(?:export\s+)?[\w.-]+(?:\s*=\s*?|:\s+?)\s*(['"`])(.*)$/);
    if (!open || closes(open[2] as string, open[1] as string)) continue;
    const end = lines.findIndex((l, j) => j > i && closes(l, open[1] as string));
    if (end > i) i = end;
  }
  return bad;
}

/** Whether `text` holds quote `q` not escaped by a backslash. */
const closes = (text: string, q: string): boolean => new RegExp(`(?:^|[^\\\\])${q === "`" ? "`" : q}`).test(text);
