/**
 * The one place where values become ClickHouse SQL text. ClickHouse 18.16 (Debian bookworm's package) predates
 * server-side query parameters (`{name:Type}`; it answers "Unknown setting param_x"), so catalog values are bound
 * client-side: {@link bind} replaces `$name` placeholders with literals made by {@link literal}, and nothing else
 * ever splices a value into SQL.
 *
 * String literals use ClickHouse's single-quoted form, where a backslash starts an escape: backslash and quote are
 * escaped, every control character (NUL included) becomes `\xHH`, everything else is sent as UTF-8. Strings that are
 * not well-formed UTF-16 (lone surrogates) are refused, since they cannot round-trip.
 */

/** A value {@link literal} can encode. */
export type SqlValue = string | number | bigint | boolean | null | undefined | SqlDate | SqlSet | readonly SqlValue[];

/** A calendar date to send as a `Date` (not a string); make one with {@link sqlDate}. */
export interface SqlDate {
  readonly kind: "date";
  readonly value: string;
}

/**
 * A constant set for the right side of `IN`, e.g. the member keys of a series computed before the query: encodes as
 * `('a', 'b')`, which ClickHouse uses for the primary key on every shard (a `GLOBAL IN (subquery)` set does not);
 * the empty set as `(NULL)`, which matches nothing. Make one with {@link sqlSet}.
 */
export interface SqlSet {
  readonly kind: "set";
  readonly values: readonly string[];
}

/** A constant set of strings for `x IN $name`. */
export function sqlSet(values: readonly string[]): SqlSet {
  return { kind: "set", values };
}

/** Raised for values that have no safe literal (NaN, lone surrogates, invalid dates…) and unknown placeholders. */
export class LiteralError extends Error {
  override name = "LiteralError";
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date `YYYY-MM-DD` in the range ClickHouse's `Date` holds (1970-01-01..2105). */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970 || y > 2105 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** A validated date value: `sqlDate("2024-07-11")` encodes as `toDate('2024-07-11')`. */
export function sqlDate(value: string): SqlDate {
  if (!isValidDate(value)) throw new LiteralError(`not a valid date (YYYY-MM-DD, 1970..2105): ${preview(value)}`);
  return { kind: "date", value };
}

/** A short, printable preview of hostile text for error messages. */
function preview(s: string): string {
  const cut = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return JSON.stringify(cut);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Encodes a string as a ClickHouse single-quoted literal. */
export function stringLiteral(s: string): string {
  if (typeof s !== "string") throw new LiteralError("not a string");
  if (LONE_SURROGATE.test(s))
    throw new LiteralError(`string is not well-formed Unicode (lone surrogate): ${preview(s)}`);
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) out += "\\\\";
    else if (c === 0x27) out += "\\'";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0").toUpperCase()}`;
    else out += s[i];
  }
  return `${out}'`;
}

/** Encodes a number: finite only; negative values in parentheses so `- $x` can never form `--`. */
export function numberLiteral(n: number | bigint): string {
  if (typeof n === "bigint") return n < 0n ? `(${n.toString()})` : n.toString();
  if (typeof n !== "number" || !Number.isFinite(n)) throw new LiteralError(`not a finite number: ${String(n)}`);
  // integers beyond 2^53 are not exact in JS: refuse rather than send a different number
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new LiteralError(`integer beyond 2^53: ${String(n)}`);
  const text = Object.is(n, -0) ? "0" : String(n); // String gives 1e-7 / 1e+21 forms, which ClickHouse parses
  return n < 0 ? `(${text})` : text;
}

/** Encodes any supported value as a ClickHouse literal expression. */
export function literal(v: SqlValue): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "string") return stringLiteral(v);
  if (typeof v === "number" || typeof v === "bigint") return numberLiteral(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  if (Array.isArray(v)) return `[${v.map((x) => literal(x)).join(", ")}]`;
  if (typeof v === "object" && (v as SqlSet).kind === "set") {
    const values = (v as SqlSet).values;
    return values.length === 0 ? "(NULL)" : `(${values.map((x) => stringLiteral(x)).join(", ")})`;
  }
  if (typeof v === "object" && (v as SqlDate).kind === "date") {
    const d = (v as SqlDate).value;
    if (!isValidDate(d)) throw new LiteralError(`not a valid date: ${preview(String(d))}`);
    return `toDate('${d}')`;
  }
  throw new LiteralError(`no literal for a value of type ${typeof v}`);
}

/** Quotes an identifier (database, table) with backticks; refuses anything but a plain name. */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)) throw new LiteralError(`not a plain identifier: ${preview(name)}`);
  return `\`${name}\``;
}

/**
 * Replaces every `$name` placeholder of `sql` outside string literals, quoted identifiers and comments with the
 * literal of `params[name]`. A placeholder without an own entry in `params` is an error (a typo must not become
 * NULL); pass `null` explicitly.
 */
export function bind(sql: string, params: Readonly<Record<string, SqlValue>>): string {
  let out = "";
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    if (c === "'" || c === '"' || c === "`") {
      // a quoted token: copy verbatim up to its closing quote (backslash escapes and doubled quotes stay inside)
      let j = i + 1;
      while (j < n) {
        const d = sql[j];
        if (d === "\\") j += 2;
        else if (d === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j += 1;
      }
      if (j >= n) throw new LiteralError(`unterminated ${c} quote at offset ${i}`);
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const j = sql.indexOf("\n", i);
      const end = j < 0 ? n : j;
      out += sql.slice(i, end);
      i = end;
    } else if (c === "/" && sql[i + 1] === "*") {
      const j = sql.indexOf("*/", i + 2);
      if (j < 0) throw new LiteralError(`unterminated comment at offset ${i}`);
      out += sql.slice(i, j + 2);
      i = j + 2;
    } else if (c === "$") {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1, i + 130));
      if (!m) throw new LiteralError(`a lone "$" at offset ${i}`);
      const name = m[0];
      if (!Object.hasOwn(params, name)) throw new LiteralError(`no value for placeholder $${name}`);
      out += literal(params[name] as SqlValue);
      i += 1 + name.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
