/**
 * The ClickHouse literal encoder and placeholder binder on hostile input (the round trip through a real server is
 * test/integration/clickhouse-literal-roundtrip.test.ts).
 */
import { describe, expect, it } from "vitest";
import { localIn } from "../../src/store/clickhouse/bind-query.js";
import {
  bind,
  identifier,
  LiteralError,
  literal,
  numberLiteral,
  type SqlValue,
  sqlDate,
  sqlSet,
  stringLiteral,
} from "../../src/store/clickhouse/literal.js";

describe("string literals", () => {
  it("escapes quotes and backslashes, and nothing else printable", () => {
    expect(stringLiteral("plain")).toBe("'plain'");
    expect(stringLiteral("it's")).toBe("'it\\'s'");
    expect(stringLiteral("a\\b")).toBe("'a\\\\b'");
    expect(stringLiteral("\\'")).toBe("'\\\\\\''");
    expect(stringLiteral('"`$x -- /*')).toBe("'\"`$x -- /*'");
    expect(stringLiteral("é 😀 中文")).toBe("'é 😀 中文'");
  });

  it("writes every control character (NUL, newline, DEL…) as \\xHH", () => {
    expect(stringLiteral("\u0000")).toBe("'\\x00'");
    expect(stringLiteral("a\nb\r\tc")).toBe("'a\\x0Ab\\x0D\\x09c'");
    expect(stringLiteral("\u007f\u001b")).toBe("'\\x7F\\x1B'");
    // no raw control character survives, so no line-based tool or log can split the statement
    for (let c = 0; c < 0x20; c++) {
      const lit = stringLiteral(String.fromCharCode(c));
      expect([...lit].every((ch) => (ch.codePointAt(0) ?? 0) >= 0x20)).toBe(true);
    }
  });

  it("the closing quote is always the last character and no unescaped quote is inside", () => {
    for (const s of ["'", "''", "\\", "\\'", "'\\", "x'; DROP TABLE model; --", "\\\\'"]) {
      const lit = stringLiteral(s);
      const body = lit.slice(1, -1);
      // scanning the body with ClickHouse's rules never ends the string early
      let i = 0;
      while (i < body.length) {
        if (body[i] === "\\") i += 2;
        else {
          expect(body[i]).not.toBe("'");
          i += 1;
        }
      }
      expect(i).toBe(body.length);
    }
  });

  it("refuses lone surrogates (they cannot round-trip through UTF-8)", () => {
    expect(() => stringLiteral("a\ud800b")).toThrow(LiteralError);
    expect(() => stringLiteral("\udc00")).toThrow(LiteralError);
    expect(stringLiteral("\ud83d\ude00")).toBe("'😀'");
  });

  it("handles very long strings", () => {
    const s = "x'\\".repeat(400_000);
    const lit = stringLiteral(s);
    expect(lit.length).toBe(2 + 400_000 * 5);
  });
});

describe("other literals", () => {
  it("numbers: finite only, negatives parenthesised, exact integers only", () => {
    expect(numberLiteral(42)).toBe("42");
    expect(numberLiteral(-5)).toBe("(-5)");
    expect(numberLiteral(-0)).toBe("0");
    expect(numberLiteral(1.5)).toBe("1.5");
    expect(numberLiteral(1e-7)).toBe("1e-7");
    expect(numberLiteral(12345678901234567890n)).toBe("12345678901234567890");
    expect(numberLiteral(-3n)).toBe("(-3)");
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 60]) {
      expect(() => numberLiteral(bad)).toThrow(LiteralError);
    }
    // `- $x` with a negative value must not become a comment
    expect(bind("SELECT 1 -$x", { x: -1 })).toBe("SELECT 1 -(-1)");
  });

  it("booleans, null, undefined, arrays, dates", () => {
    expect(literal(true)).toBe("1");
    expect(literal(false)).toBe("0");
    expect(literal(null)).toBe("NULL");
    expect(literal(undefined)).toBe("NULL");
    expect(literal(["a", 1, null, ["b'"]])).toBe("['a', 1, NULL, ['b\\'']]");
    expect(literal([])).toBe("[]");
    expect(literal(sqlDate("2024-07-11"))).toBe("toDate('2024-07-11')");
    expect(literal(sqlDate("2024-02-29"))).toBe("toDate('2024-02-29')");
    for (const bad of ["2023-02-29", "2024-13-01", "2024-7-11", "1969-12-31", "2024-07-11'); --", ""]) {
      expect(() => sqlDate(bad)).toThrow(LiteralError);
    }
    expect(() => literal({ kind: "date", value: "x" } as SqlValue)).toThrow(LiteralError);
    expect(() => literal({} as SqlValue)).toThrow(LiteralError);
  });

  it("constant sets for IN: a parenthesised list, the empty set as (NULL)", () => {
    expect(literal(sqlSet(["a", "b'c"]))).toBe("('a', 'b\\'c')");
    expect(literal(sqlSet(["only"]))).toBe("('only')");
    expect(literal(sqlSet([]))).toBe("(NULL)");
    expect(bind("SELECT 1 WHERE k IN $keys", { keys: sqlSet(["x"]) })).toBe("SELECT 1 WHERE k IN ('x')");
  });

  it("identifiers: plain names only", () => {
    expect(identifier("omo_test")).toBe("`omo_test`");
    for (const bad of ["a-b", "a`b", "", "1a", "a b", "a;b"]) expect(() => identifier(bad)).toThrow(LiteralError);
  });
});

describe("bind", () => {
  it("replaces $name placeholders with literals", () => {
    expect(bind("SELECT $a, $b_2, $a", { a: "x", b_2: 3 })).toBe("SELECT 'x', 3, 'x'");
    expect(bind("WHERE ($q IS NULL OR k = $q)", { q: null })).toBe("WHERE (NULL IS NULL OR k = NULL)");
  });

  it("never touches text inside quotes, quoted identifiers or comments", () => {
    const p = { x: "V" };
    expect(bind("SELECT '$x', \"$x\", `$x`, $x", p)).toBe("SELECT '$x', \"$x\", `$x`, 'V'");
    expect(bind("SELECT 'it\\'s $x', 'a''$x', $x", p)).toBe("SELECT 'it\\'s $x', 'a''$x', 'V'");
    expect(bind("SELECT 'a\\\\', $x", p)).toBe("SELECT 'a\\\\', 'V'");
    expect(bind("SELECT $x -- $x\n, $x /* $x */", p)).toBe("SELECT 'V' -- $x\n, 'V' /* $x */");
  });

  it("values that look like SQL stay values", () => {
    const evil = "') OR 1=1; DROP TABLE model; -- $x /*";
    const sql = bind("SELECT count() FROM model WHERE key = $q", { q: evil, x: "no" });
    expect(sql).toBe("SELECT count() FROM model WHERE key = '\\') OR 1=1; DROP TABLE model; -- $x /*'");
  });

  it("refuses unknown placeholders, lone $ and unterminated quotes or comments", () => {
    expect(() => bind("SELECT $nope", {})).toThrow(/\$nope/);
    expect(() => bind("SELECT $", {})).toThrow(LiteralError);
    expect(() => bind("SELECT $1", {})).toThrow(LiteralError);
    expect(() => bind("SELECT 'abc", {})).toThrow(/unterminated/);
    expect(() => bind("SELECT 1 /* x", {})).toThrow(/unterminated/);
    // inherited properties are not values
    expect(() => bind("SELECT $toString", {})).toThrow(LiteralError);
  });
});

describe("localIn (a single server has no Distributed tables)", () => {
  it("turns GLOBAL IN and GLOBAL NOT IN into IN and NOT IN, and leaves the rest alone", () => {
    expect(localIn("SELECT 1 WHERE a GLOBAL IN (SELECT a FROM t) AND b GLOBAL NOT IN (SELECT b FROM u)")).toBe(
      "SELECT 1 WHERE a IN (SELECT a FROM t) AND b NOT IN (SELECT b FROM u)",
    );
    expect(localIn("SELECT x AS GLOBAL_INDEX FROM t WHERE c IN (1)")).toBe(
      "SELECT x AS GLOBAL_INDEX FROM t WHERE c IN (1)",
    );
  });
});
