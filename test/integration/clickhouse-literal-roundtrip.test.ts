/** The ClickHouse literal encoder through a real server: every value bound as a literal comes back equal. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "../../src/store/clickhouse/connection.js";
import { bind, type SqlValue, sqlDate, sqlSet } from "../../src/store/clickhouse/literal.js";
import { hasClickHouseServer, type LocalClickHouse, startLocalClickHouse } from "../contract/clickhouse.js";

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
