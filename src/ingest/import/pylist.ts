/**
 * Lists of strings written as Python literals (pandas `str(list)`: `['a', "b's", 'c\\'d']`) or as JSON
 * (`["a","b"]`). Only flat lists of strings are accepted: the shape of a Hub `tags` column.
 */

/** Outcome of {@link parseStringList}: the strings, or why the text is not a list of strings. */
export type StringListResult = { ok: true; values: string[] } | { ok: false; reason: string };

/** Python's one-character escapes (JSON's are a subset, plus `\/`). */
const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  "/": "/",
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
  a: "\x07",
  "0": "\0",
  "\n": "",
};

const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

class ListSyntaxError extends Error {}

/** A cursor over the literal's text. */
class ListReader {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  fail(reason: string): never {
    throw new ListSyntaxError(`${reason} at character ${this.pos + 1}`);
  }

  /** Reads one quoted string starting at the current position (on the quote). */
  readString(): string {
    const quote = this.text[this.pos] as string;
    const start = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) {
        this.pos = start;
        this.fail(`unterminated string starting with ${quote}`);
      }
      const ch = this.text[this.pos] as string;
      if (ch === quote) {
        this.pos++;
        return out;
      }
      if (ch === "\\") {
        out += this.readEscape();
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  /** Reads a backslash escape (current position on the backslash); unknown escapes stay as written, as in Python. */
  private readEscape(): string {
    const next = this.text[this.pos + 1];
    if (next === undefined) this.fail("backslash at end of text");
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    const hexLength = HEX_ESCAPE_LENGTH[next];
    if (hexLength !== undefined) {
      const hex = this.text.slice(this.pos + 2, this.pos + 2 + hexLength);
      if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) this.fail(`bad \\${next} escape`);
      const codePoint = Number.parseInt(hex, 16);
      if (codePoint > 0x10ffff) this.fail(`bad \\${next} escape`);
      this.pos += 2 + hexLength;
      return String.fromCodePoint(codePoint);
    }
    this.pos += 2;
    return `\\${next}`;
  }
}

/** Parses the literal; throws {@link ListSyntaxError} with the reason. */
function readList(text: string): string[] {
  const reader = new ListReader(text);
  reader.skipSpace();
  if (text[reader.pos] !== "[") reader.fail("expected '['");
  reader.pos++;
  const values: string[] = [];
  reader.skipSpace();
  if (text[reader.pos] === "]") {
    reader.pos++;
  } else {
    for (;;) {
      reader.skipSpace();
      const ch = text[reader.pos];
      if (ch === "]" && values.length > 0) {
        // Python allows a trailing comma: ['a', ]
        reader.pos++;
        break;
      }
      if (ch !== "'" && ch !== '"') {
        if (ch === undefined) reader.fail("unterminated list");
        reader.fail(`item ${values.length + 1} is not a quoted string`);
      }
      values.push(reader.readString());
      reader.skipSpace();
      const sep = text[reader.pos];
      if (sep === ",") {
        reader.pos++;
        continue;
      }
      if (sep === "]") {
        reader.pos++;
        break;
      }
      if (sep === undefined) reader.fail("unterminated list");
      reader.fail("expected ',' or ']'");
    }
  }
  reader.skipSpace();
  if (reader.pos < text.length) reader.fail("unexpected text after ']'");
  return values;
}

/**
 * Parses a flat list of strings written as a Python literal (single or double quotes, Python escapes such as `\'`,
 * `\\`, `\xNN`, `\uNNNN`; a trailing comma) or as JSON. Anything else (a bare string, numbers, `None`, nested
 * lists, text after `]`) is rejected with the reason and the 1-based character position.
 */
export function parseStringList(text: string): StringListResult {
  try {
    return { ok: true, values: readList(text) };
  } catch (err) {
    if (err instanceof ListSyntaxError) return { ok: false, reason: err.message };
    throw err;
  }
}
