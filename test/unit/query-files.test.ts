/**
 * The catalog's queries are files (src/queries/<name>/): every folder is a catalog query, every SQL file in it is read
 * by the catalog and is the text the stores run, and every `duckdb.sql` prepares as written in DuckDB against the
 * store's schema, with exactly the parameters its query declares.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { AUTO_DAY_MAX_DAYS, AUTO_WEEK_MAX_DAYS } from "../../src/domain/buckets.js";
import { RELATION_VALUES as RELATIONS } from "../../src/domain/relations.js";
import { USAGE_PERIODS } from "../../src/domain/usage.js";
import {
  type DialectSql,
  PIECE_MARK,
  PIECES_DIR,
  pieceText,
  placeholders,
  QUERIES_DIR,
  SQL_FILES,
  withPieces,
} from "../../src/queries/catalog.js";
import { CATALOG } from "../../src/queries/index.js";
import { CURRENT_DIM_LOAD } from "../../src/store/clickhouse/migrations.js";
import { SHIPPED_PRICES_CSV } from "../../src/store/clickhouse/shipped-prices.js";
import { migrate } from "../../src/store/duckdb/migrate.js";

/** Folders of src/queries that are not a query: shared parameter modules, shared pieces of SQL. */
const NOT_QUERIES = new Set(["params", "pieces"]);
const folders = readdirSync(QUERIES_DIR).filter(
  (f) => statSync(path.join(QUERIES_DIR, f)).isDirectory() && !NOT_QUERIES.has(f),
);
const SQL_NAMES = new Set<string>(Object.values(SQL_FILES));

/** The text a query file stands for: the file with its pieces (what the catalog reads and the stores run). */
const sqlText = (name: string, f: string) =>
  withPieces(readFileSync(path.join(QUERIES_DIR, name, f), "utf8"), `${name}/${f}`);

/** Every ClickHouse text of the catalog's folders: its query, file name and text. */
function* clickHouseFiles(): Generator<{ name: string; f: string; text: string }> {
  for (const name of folders)
    for (const f of [
      "clickhouse.sql",
      "clickhouse-members.sql",
      "clickhouse-rollup.sql",
      "clickhouse-rollup-one.sql",
      "clickhouse-stored.sql",
    ]) {
      const file = path.join(QUERIES_DIR, name, f);
      if (existsSync(file)) yield { name, f, text: sqlText(name, f) };
    }
}

describe("queries as files", () => {
  it("every folder is a catalog query of its name, and every catalog query has its folder", () => {
    expect(folders.length).toBeGreaterThan(50);
    expect([...folders].sort()).toEqual(Object.keys(CATALOG).sort());
  });

  it.each(folders)("%s: every file is query.ts or a SQL file the catalog reads, with its pieces", (name) => {
    const q = CATALOG[name];
    if (!q) throw new Error(`no catalog query ${name}`);
    expect(q.name).toBe(name);
    const files = readdirSync(path.join(QUERIES_DIR, name));
    expect(files).toContain("query.ts");
    expect(files).toContain("duckdb.sql");
    for (const f of files) {
      if (f === "query.ts") continue;
      expect(SQL_NAMES.has(f), `${name}/${f} is not a file the catalog reads`).toBe(true);
      const field = (Object.keys(SQL_FILES) as Array<keyof typeof SQL_FILES>).find((k) => SQL_FILES[k] === f);
      const sql = (q.sql as DialectSql)[field as keyof DialectSql];
      expect(sql, `${name}/${f}`).toBe(sqlText(name, f));
      expect(sql, `${name}/${f}: a mark left`).not.toMatch(/\/\* piece:/);
    }
    // a field the catalog reads from a file that is not there is undefined, never another query's text
    for (const field of [
      "duckdbStored",
      "clickhouse",
      "clickhouseMembers",
      "clickhouseRollup",
      "clickhouseRollupOne",
      "clickhouseStored",
    ] as const)
      if (!files.includes(SQL_FILES[field])) expect(q.sql[field]).toBeUndefined();
    // a roll-up text runs when the parameters its query names are null: declared ones, beside a full ClickHouse text
    if (q.sql.clickhouseRollup !== undefined) {
      expect(q.sql.clickhouse, `${name}: the text with filters`).toBeDefined();
      const declared = Object.keys((q.params as unknown as z.ZodObject).shape);
      expect(q.sql.clickhouseRollupWhenNull?.length).toBeGreaterThan(0);
      for (const p of q.sql.clickhouseRollupWhenNull ?? []) expect(declared).toContain(p);
    } else expect(q.sql.clickhouseRollupWhenNull).toBeUndefined();
    // a one-filter roll-up text runs when exactly one of those parameters is set: beside the text without any
    if (q.sql.clickhouseRollupOne !== undefined) {
      expect(q.sql.clickhouseRollup, `${name}: the roll-up text without filters`).toBeDefined();
      expect(q.sql.clickhouseRollupWhenNull?.length, `${name}: with two set, clickhouse.sql`).toBeGreaterThan(1);
    }
  });

  it.each(folders)("%s: every $placeholder of its SQL is one of its parameters", (name) => {
    const q = CATALOG[name];
    if (!q) throw new Error(`no catalog query ${name}`);
    const declared = Object.keys((q.params as unknown as z.ZodObject).shape);
    // ClickHouse texts may also read what the store binds itself: the member keys of a series
    const storeBound = new Set(["member_keys"]);
    for (const sql of [
      q.sql.duckdb,
      q.sql.duckdbStored,
      q.sql.clickhouse,
      q.sql.clickhouseMembers,
      q.sql.clickhouseRollup,
      q.sql.clickhouseRollupOne,
      q.sql.clickhouseStored,
    ])
      for (const p of placeholders(sql ?? "")) if (!storeBound.has(p)) expect(declared, `${name}: $${p}`).toContain(p);
  });

  it("every generation a ClickHouse file picks is the current one, written the one way (the list of migration 9)", () => {
    // the model dimension and the roll-ups by licence and organisation are written by the same loads: one generation,
    // found from the small list of generations (never by reading the generation tables' own rows)
    expect(CURRENT_DIM_LOAD).toContain("FROM dim_generation");
    expect(CURRENT_DIM_LOAD).not.toContain("DISTINCT");
    const generations = [CURRENT_DIM_LOAD];
    const head = "(SELECT argMax(load_id, version) FROM snapshot_rows FINAL";
    let seen = 0;
    for (const { name, f, text } of clickHouseFiles()) {
      for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
        seen++;
        expect(
          generations.some((g) => text.startsWith(g, at)),
          `${name}/${f} at ${at}`,
        ).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it("ClickHouse files that read the model dimension directly read the generation the `model` view shows", () => {
    let readers = 0;
    for (const { name, f, text } of clickHouseFiles()) {
      for (const m of text.matchAll(/model_dim_rows WHERE load_id = /g)) {
        readers++;
        expect(text.slice((m.index ?? 0) + m[0].length).startsWith(CURRENT_DIM_LOAD), `${name}/${f}`).toBe(true);
      }
    }
    expect(readers).toBeGreaterThan(0);
  });

  it("every read of the model dimension in a ClickHouse file names the current generation (any form: WHERE, PREWHERE, a join)", () => {
    for (const { name, f, text } of clickHouseFiles()) {
      const reads = text.match(/\bmodel_dim_rows\b/g)?.length ?? 0;
      const lookups = text.split(`load_id = ${CURRENT_DIM_LOAD}`).length - 1;
      expect(
        lookups,
        `${name}/${f}: ${reads} reads of model_dim_rows, ${lookups} current-generation lookups`,
      ).toBeGreaterThanOrEqual(reads);
    }
  });
});

describe("the shipped price table", () => {
  it("is read by every DuckDB file that binds $shipped as the ClickHouse store reads it to copy its rows", () => {
    const readers = folders.filter((f) => /\$shipped\b/.test(sqlText(f, "duckdb.sql")));
    expect(readers.sort()).toEqual(["price-first-date", "price-lookup", "prices"]);
    for (const name of readers) {
      const text = sqlText(name, "duckdb.sql");
      expect(text, name).toContain(SHIPPED_PRICES_CSV);
      // and in no other way
      expect(text.split("$shipped").length - 1, name).toBe(1);
    }
  });
});

describe("pieces of SQL several query files share (src/queries/pieces)", () => {
  const pieces = readdirSync(PIECES_DIR).map((f) => {
    expect(f, "a piece is a .sql file").toMatch(/^[a-z0-9-]+\.sql$/);
    return { name: f.slice(0, -4), file: readFileSync(path.join(PIECES_DIR, f), "utf8") };
  });
  /** Every mark in the query files and the pieces, by piece name: where it stands. */
  const uses = new Map<string, string[]>();
  const note = (text: string, where: string) => {
    for (const m of text.matchAll(PIECE_MARK)) uses.set(m[1] as string, [...(uses.get(m[1] as string) ?? []), where]);
  };
  for (const name of folders)
    for (const f of readdirSync(path.join(QUERIES_DIR, name)))
      if (f.endsWith(".sql")) note(readFileSync(path.join(QUERIES_DIR, name, f), "utf8"), `${name}/${f}`);
  for (const p of pieces) note(p.file, `pieces/${p.name}.sql`);

  it("every piece is taken in at least two places, says what it is, and every mark names a piece", () => {
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces) {
      expect(uses.get(p.name)?.length ?? 0, `pieces/${p.name}.sql is taken once or never`).toBeGreaterThan(1);
      expect(p.file, `pieces/${p.name}.sql begins with what it is`).toMatch(/^-- \S/);
      expect(pieceText(p.file).trim().length, p.name).toBeGreaterThan(0);
    }
    expect([...uses.keys()].filter((n) => !pieces.some((p) => p.name === n))).toEqual([]);
  });

  it("a query file's marks are replaced by the pieces' texts, without their descriptions, pieces within pieces too", () => {
    const read = (n: string) =>
      ({ a: "-- piece a\nx = /* piece: b */ + 1\n", b: "-- piece b\n-- two lines\n(SELECT 2)\n" })[n];
    expect(withPieces("SELECT /* piece: a */ AS v", "q/duckdb.sql", read)).toBe("SELECT x = (SELECT 2) + 1 AS v");
    // text that only looks like a mark stays
    expect(withPieces("SELECT '/* piece:a */' -- piece: a", "q", read)).toBe("SELECT '/* piece:a */' -- piece: a");
  });

  it("a piece that is not there, or that takes itself, is an error naming the file and line", () => {
    const read = (n: string) => ({ loop: "/* piece: loop2 */\n", loop2: "(\n/* piece: loop */)\n" })[n];
    expect(() => withPieces("SELECT 1,\n  /* piece: nothing-here */", "q/clickhouse.sql", read)).toThrow(
      /^q\/clickhouse\.sql:2: no piece of SQL "nothing-here"/,
    );
    expect(() => withPieces("/* piece: loop */", "q/duckdb.sql", read)).toThrow(
      'pieces/loop2.sql:2: the piece "loop" takes itself (loop → loop2 → loop)',
    );
  });
});

describe("constants the SQL files write out are the domain's", () => {
  it("every series file resolves `auto` with the thresholds of src/domain/buckets.ts", () => {
    const series = folders.filter((f) => sqlText(f, "duckdb.sql").includes("$bucket"));
    expect(series.sort()).toEqual(["family-series", "model-series", "org-series"]);
    for (const name of series) {
      const duck = sqlText(name, "duckdb.sql");
      expect(duck, name).toContain(`WHEN max(date) - min(date) <= ${AUTO_DAY_MAX_DAYS} THEN 'day'`);
      expect(duck, name).toContain(`WHEN max(date) - min(date) <= ${AUTO_WEEK_MAX_DAYS} THEN 'week'`);
      const ch = sqlText(name, "clickhouse.sql");
      expect(ch, name).toContain(`ds[-1] - ds[1] <= ${AUTO_DAY_MAX_DAYS}, 'day'`);
      expect(ch, name).toContain(`ds[-1] - ds[1] <= ${AUTO_WEEK_MAX_DAYS}, 'week'`);
    }
  });
});

describe("lists the SQL files write out are the domain's", () => {
  const list = (xs: readonly string[]) => `['${xs.join("', '")}']`;
  it.each([
    ["relations, in the order answers list them", "model-children-by-relation", RELATIONS],
    ["usage periods, in the order answers list them", "usage-snapshots", USAGE_PERIODS],
  ])("%s (%s)", (_what, name, values) => {
    for (const f of ["duckdb.sql", "clickhouse.sql"]) expect(sqlText(name, f), f).toContain(list(values));
  });
});

describe("every duckdb.sql (and duckdb-stored.sql) prepares as written against the store's schema", () => {
  let instance: DuckDBInstance;
  let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
    conn = await instance.connect();
    await migrate(conn);
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });

  it.each(folders)("%s", async (name) => {
    const text = sqlText(name, "duckdb.sql");
    const prepared = await conn.prepare(text);
    const names = Array.from({ length: prepared.parameterCount }, (_, i) => prepared.parameterName(i + 1));
    expect(names.sort()).toEqual(placeholders(text).sort());
  });

  const stored = folders.filter((f) => CATALOG[f]?.sql.duckdbStored !== undefined);
  it("the queries that read the stored lineage walk", () => {
    expect(stored.sort()).toEqual([
      "families-ranking",
      "family-breakdown",
      "family-explain",
      "family-members",
      "family-name-only",
      "family-series",
      "family-totals",
      "family-tree",
    ]);
  });

  it.each(stored)("%s: duckdb-stored.sql, with the parameters of duckdb.sql", async (name) => {
    const text = sqlText(name, "duckdb-stored.sql");
    const prepared = await conn.prepare(text);
    const names = Array.from({ length: prepared.parameterCount }, (_, i) => prepared.parameterName(i + 1));
    expect(names.sort()).toEqual(placeholders(text).sort());
    // the stored walk is found by the walk's parameters, and the query takes the others the walking text takes
    const walking = placeholders(sqlText(name, "duckdb.sql"));
    expect(names.sort()).toEqual(walking.sort());
  });
});

describe("today is the UTC day in every dialect", () => {
  it("no ClickHouse file reads the server's local day (today(), now() without 'UTC'); DuckDB's session is UTC", () => {
    const local: string[] = [];
    let utc = 0;
    for (const { name, f, text } of clickHouseFiles()) {
      if (/\btoday\(\)|\byesterday\(\)/.test(text)) local.push(`${name}/${f}: today()`);
      for (const m of text.matchAll(/toDate\(now\(\)(, '([^']*)')?\)/g)) {
        if (m[2] === "UTC") utc++;
        else local.push(`${name}/${f}: ${m[0]}`);
      }
    }
    expect(local).toEqual([]);
    // the price queries read today's date (their cache hint says so) and name it in UTC
    expect(utc).toBeGreaterThanOrEqual(2);
  });
});
