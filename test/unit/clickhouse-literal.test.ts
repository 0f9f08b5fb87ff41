/** The ClickHouse literal encoder and placeholder binder: hostile input, and a round trip through a real server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localIn } from "../../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection } from "../../src/store/clickhouse/connection.js";
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
import { hasClickHouseServer, type LocalClickHouse, startLocalClickHouse } from "../contract/clickhouse.js";

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

const live = hasClickHouseServer();
describe.skipIf(!live)("round trip through a real ClickHouse server", () => {
  let server: LocalClickHouse;
  let conn: ClickHouseConnection;
  beforeAll(async () => {
    server = await startLocalClickHouse("single");
    conn = new ClickHouseConnection({
      nodes: server.nodes,
      username: "default",
      password: "",
      database: "default",
      cluster: null,
    });
  });
  afterAll(async () => {
    await conn?.close();
    server?.stop();
  });

  async function echo(v: SqlValue): Promise<unknown> {
    const [row] = await conn.rows<{ v: unknown }>(bind("SELECT $v AS v", { v }));
    return row?.v;
  }

  it("strings come back equal: quotes, backslashes, NUL, controls, unicode", async () => {
    const cases = [
      "",
      "'",
      "''",
      "\\",
      "\\'",
      "'\\",
      "x'; DROP TABLE t; --",
      "\u0000",
      "a\u0000b",
      "line1\nline2\r\n\ttab",
      "\u0001\u001f\u007f",
      '"double" `back` $dollar',
      "é ß 中文 😀 \u200b",
      "\\x00 \\n \\' literally",
    ];
    for (const s of cases) expect(await echo(s), JSON.stringify(s)).toBe(s);
  });

  it("random hostile strings come back equal (one array per query)", async () => {
    const alphabet = ["'", "\\", '"', "`", "$", "\u0000", "\n", "\r", "-", "/", "*", "é", "😀", "a", " ", "{", "}"];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const strings = Array.from({ length: 300 }, () =>
      Array.from({ length: Math.floor(rnd() * 30) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(""),
    );
    expect(await echo(strings)).toEqual(strings);
  });

  it("a very long string (600 kB, beyond the default max_query_size) comes back equal", async () => {
    const s = "ab'\\\u0000c".repeat(100_000);
    const [row] = await conn.rows<{ n: number; same: number }>(
      bind("SELECT length($s) AS n, $s = concat($half, $half) AS same", { s, half: "ab'\\\u0000c".repeat(50_000) }),
    );
    expect(row).toEqual({ n: 100_000 * 6, same: 1 });
  });

  it("numbers, booleans, null, arrays and dates come back equal", async () => {
    expect(await echo(42)).toBe(42);
    expect(await echo(-5)).toBe(-5);
    expect(await echo(1.5)).toBe(1.5);
    expect(await echo(1e-7)).toBe(1e-7);
    expect(await echo(true)).toBe(1);
    expect(await echo(null)).toBeNull();
    expect(await echo(["a'", "b\\"])).toEqual(["a'", "b\\"]);
    expect(await echo(sqlDate("2024-07-11"))).toBe("2024-07-11");
  });

  it("a constant set matches exactly its members, hostile strings included; the empty set matches nothing", async () => {
    const keys = ["a'", "b\\", "c\u0000d", "é😀"];
    const hits = async (set: readonly string[], probe: readonly string[]) => {
      const [row] = await conn.rows<{ v: number[] }>(
        bind("SELECT arrayMap(x -> x IN $set, $probe) AS v", { set: sqlSet(set), probe }),
      );
      return row?.v;
    };
    expect(await hits(keys, [...keys, "a", ""])).toEqual([1, 1, 1, 1, 0, 0]);
    expect(await hits([], ["", "a"])).toEqual([0, 0]);
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
