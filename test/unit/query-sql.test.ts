/** "How is this computed?": a query's SQL per dialect, with its values bound as the stores run it. */
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../src/queries/index.js";
import { migrate } from "../../src/store/duckdb/migrate.js";
import { dialectOf, querySql } from "../../src/store/query-sql.js";

const orgTotals = CATALOG["org-totals"] as NonNullable<(typeof CATALOG)[string]>;
const familySeries = CATALOG["family-series"] as NonNullable<(typeof CATALOG)[string]>;

describe("querySql", () => {
  let instance: DuckDBInstance;
  let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
    conn = await instance.connect();
    await migrate(conn);
    await conn.run(
      `INSERT INTO snapshot (date, status, started_at, source) VALUES ('2024-07-11', 'complete', now(), 't')`,
    );
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });

  it("DuckDB: the file as written, and a PREPARE/EXECUTE with the values that runs as is", async () => {
    const run = querySql(orgTotals, { kind: "duckdb" }, { author: "it's", match: null });
    expect(run.sql).toBe(orgTotals.sql.duckdb);
    expect(run.values).toEqual({ date: null, author: "it's", match: null });
    expect(run.bound).toContain("EXECUTE org_totals(date := NULL, author := 'it''s', match := NULL);");
    const reader = await conn.runAndReadAll(run.bound as string);
    expect(reader.getRowObjectsJS()).toEqual([{ date: "2024-07-11", repos: 0n, downloads: 0n, likes: 0n }]);
  });

  it("ClickHouse: the text the store sends, literals bound, GLOBAL IN kept only on a cluster", () => {
    const one = querySql(familySeries, dialectOf("clickhouse://127.0.0.1:8123/omo"), {
      official: "^meta-llama/llama-2-",
      scope: "total",
    });
    expect(one.dialect).toBe("clickhouse");
    expect(one.sql).toBe(familySeries.sql.clickhouse);
    // the walk the store computes first is read as family_walk; the scope and range are bound as literals
    expect(one.bound).toContain("family_walk");
    expect(one.bound).toContain("'total' = 'total'");
    expect(one.bound).not.toMatch(/\$[a-z_]+/);
    expect(one.bound).not.toContain("GLOBAL IN");
    expect(one.notes.join(" ")).toMatch(/family_walk.*\$member_keys/s);
    const two = querySql(familySeries, dialectOf("clickhouse://127.0.0.1:8123,127.0.0.1:8124/omo"), {
      official: "^meta-llama/llama-2-",
      scope: "total",
    });
    expect(two.bound).toContain("GLOBAL IN");
  });

  it("ClickHouse: without its filters a query with a roll-up text shows that text, which reads no walk", () => {
    const openness = CATALOG["openness-by-class"] as NonNullable<(typeof CATALOG)[string]>;
    const at = dialectOf("clickhouse://127.0.0.1:8123/omo");
    const plain = querySql(openness, at, {});
    expect(plain.sql).toBe(openness.sql.clickhouseRollup);
    expect(plain.bound).toContain("FROM rollup_licence_rows");
    expect(plain.bound).not.toContain("family_walk");
    expect(plain.notes.join(" ")).toMatch(/without \$task and \$official the store runs clickhouse-rollup\.sql/);
    const task = querySql(openness, at, { task: "text-generation" });
    expect(task.sql).toBe(openness.sql.clickhouse);
    expect(task.bound).toContain("lowerUTF8('text-generation')");
    // no family: the empty walk is a subquery, no table the store would have to make
    expect(task.bound).not.toContain("family_walk");
    expect(querySql(openness, at, { official: "^meta-llama/" }).bound).toContain("family_walk");
  });

  it("ClickHouse: org-ranking with exactly one of task and library shows the text over its roll-up by value", () => {
    const ranking = CATALOG["org-ranking"] as NonNullable<(typeof CATALOG)[string]>;
    const at = dialectOf("clickhouse://127.0.0.1:8123/omo");
    expect(querySql(ranking, at, {}).sql).toBe(ranking.sql.clickhouseRollup);
    const task = querySql(ranking, at, { task: "Text-Generation" });
    expect(task.sql).toBe(ranking.sql.clickhouseRollupOne);
    expect(task.bound).toContain("FROM rollup_org_facet_rows");
    expect(task.bound).toContain("value = lowerUTF8(ifNull('Text-Generation', NULL))");
    expect(task.notes.join(" ")).toMatch(
      /exactly one of \$task and \$library the store runs clickhouse-rollup-one\.sql/,
    );
    const library = querySql(ranking, at, { library: "transformers" });
    expect(library.sql).toBe(ranking.sql.clickhouseRollupOne);
    expect(library.bound).toContain("dim = if(isNull(NULL), 'library', 'task')");
    // both filters: the text over the statistics
    const both = querySql(ranking, at, { task: "text-generation", library: "transformers" });
    expect(both.sql).toBe(ranking.sql.clickhouse);
    expect(both.bound).not.toContain("rollup_org_facet_rows");
  });

  it("refuses a parameter the query's schema refuses, naming it; without parameters shows the file only", () => {
    expect(() => querySql(orgTotals, { kind: "duckdb" }, { author: "" })).toThrow(/invalid parameter.*org-totals/);
    expect(querySql(orgTotals, { kind: "duckdb" })).toMatchObject({ values: null, bound: null });
  });
});
