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
import { type DialectSql, placeholders, QUERIES_DIR, SQL_FILES } from "../../src/queries/catalog.js";
import { CATALOG } from "../../src/queries/index.js";
import { CURRENT_DIM_LOAD } from "../../src/store/clickhouse/migrations.js";
import { SHIPPED_PRICES_CSV } from "../../src/store/clickhouse/shipped-prices.js";
import { migrate } from "../../src/store/duckdb/migrate.js";

/** Folders of src/queries that hold shared parameter modules, not a query. */
const NOT_QUERIES = new Set(["params"]);
const folders = readdirSync(QUERIES_DIR).filter(
  (f) => statSync(path.join(QUERIES_DIR, f)).isDirectory() && !NOT_QUERIES.has(f),
);
const SQL_NAMES = new Set<string>(Object.values(SQL_FILES));

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
      if (existsSync(file)) yield { name, f, text: readFileSync(file, "utf8") };
    }
}

describe("queries as files", () => {
  it("every folder is a catalog query of its name, and every catalog query has its folder", () => {
    expect(folders.length).toBeGreaterThan(50);
    expect([...folders].sort()).toEqual(Object.keys(CATALOG).sort());
  });

  it.each(folders)("%s: every file is query.ts or a SQL file the catalog reads, unchanged", (name) => {
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
      expect(sql, `${name}/${f}`).toBe(readFileSync(path.join(QUERIES_DIR, name, f), "utf8"));
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

/**
 * Pieces of SQL that several query files repeat, written out in each (the files run as written): every copy must be
 * the same text, so a fix to one is a fix to all. Each piece runs from its first line to its last.
 */
const SHARED_PIECES = [
  {
    piece: "the DuckDB lineage walk (family queries)",
    file: "duckdb.sql",
    first: "tree(key, depth, relation, via) USING KEY (key) AS (",
    last: "  GROUP BY l.child_key\n)",
  },
  {
    piece: "the DuckDB family members after the walk (fam: the walk at the snapshot; named: name matches outside it)",
    file: "duckdb.sql",
    first: "fam AS (\n  SELECT t.key, t.depth, t.relation, t.via, m.mid",
    last: "    AND m.key NOT IN (SELECT key FROM fam)\n)",
  },
  {
    piece: "the DuckDB stored walk of the family parameters (duckdb-stored.sql)",
    file: "duckdb-stored.sql",
    first: "  WHERE walk_id = (SELECT walk_id FROM family_walk\n",
    last: "max_depth = $depth)",
  },
  {
    piece: "the DuckDB family members after the stored walk (duckdb-stored.sql: fam by mid; named as after the walk)",
    file: "duckdb-stored.sql",
    first: "fam AS (\n  SELECT t.key, t.depth, t.relation, t.via, m.mid",
    last: "    AND m.key NOT IN (SELECT key FROM fam)\n)",
  },
  {
    piece: "the DuckDB series chain after `members` (model, org and family series)",
    file: ["duckdb.sql", "duckdb-stored.sql"],
    first: "snaps AS (",
    last: "  GROUP BY d.b, r.unit, r.lo, r.hi\n)",
  },
  {
    piece: "the DuckDB price rows, imported and shipped (prices, price-lookup, price-first-date)",
    file: "duckdb.sql",
    first: "WITH all_prices AS (",
    last: "    'as_of': 'DATE', 'source': 'VARCHAR', 'retired': 'DATE'})\n)",
  },
  {
    piece: "the ClickHouse price rows in force (prices, price-lookup)",
    file: "clickhouse.sql",
    first:
      "  SELECT * FROM (SELECT * FROM (SELECT model, provider, input_per_1m, output_per_1m, as_of, source, origin,",
    last: "retired > ifNull(toDate($as_of), toDate(now(), 'UTC'))))",
  },
  {
    piece: "the ClickHouse series snapshots and buckets (clickhouse-stored.sql: family-series over its aggregates)",
    file: ["clickhouse.sql", "clickhouse-stored.sql"],
    first: "(SELECT sd, sn, if(sn = 1, NULL, pd) AS prev_date, multiIf($bucket",
    last: "arrayPopBack(arrayPushFront(ds, toDate(0))) AS pd\n)",
  },
  {
    piece: "the ClickHouse series per bucket over the per-snapshot sums (org-series, family-series, its stored form)",
    file: ["clickhouse.sql", "clickhouse-stored.sql"],
    first: "SELECT toString(b) AS bucket, unit, toString(first_date) AS firstDate,",
    last: "addMonths(pb, 1) - 1) AS partial\n",
  },
];

describe("the shipped price table", () => {
  it("is read by every DuckDB file that binds $shipped as the ClickHouse store reads it to copy its rows", () => {
    const readers = folders.filter((f) =>
      /\$shipped\b/.test(readFileSync(path.join(QUERIES_DIR, f, "duckdb.sql"), "utf8")),
    );
    expect(readers.sort()).toEqual(["price-first-date", "price-lookup", "prices"]);
    for (const name of readers) {
      const text = readFileSync(path.join(QUERIES_DIR, name, "duckdb.sql"), "utf8");
      expect(text, name).toContain(SHIPPED_PRICES_CSV);
      // and in no other way
      expect(text.split("$shipped").length - 1, name).toBe(1);
    }
  });
});

describe("shared pieces of SQL are the same in every file that repeats them", () => {
  it.each(SHARED_PIECES)("$piece", ({ file, first, last }) => {
    const copies = new Map<string, string>();
    for (const name of folders)
      for (const f of Array.isArray(file) ? file : [file]) {
        let text: string;
        try {
          text = readFileSync(path.join(QUERIES_DIR, name, f), "utf8");
        } catch {
          continue;
        }
        let from = text.indexOf(first);
        while (from >= 0) {
          const to = text.indexOf(last, from);
          expect(to, `${name}/${f}: the piece starting at ${from} does not end`).toBeGreaterThan(from);
          copies.set(`${name}/${f}@${from}`, text.slice(from, to + last.length));
          from = text.indexOf(first, to);
        }
      }
    expect(new Set([...copies.keys()].map((k) => k.split("@")[0])).size).toBeGreaterThan(1);
    const [reference] = [...copies.values()];
    for (const [where, copy] of copies) expect(copy, where).toBe(reference);
  });
});

describe("constants the SQL files write out are the domain's", () => {
  it("every series file resolves `auto` with the thresholds of src/domain/buckets.ts", () => {
    const series = folders.filter((f) =>
      readFileSync(path.join(QUERIES_DIR, f, "duckdb.sql"), "utf8").includes("$bucket"),
    );
    expect(series.sort()).toEqual(["family-series", "model-series", "org-series"]);
    for (const name of series) {
      const duck = readFileSync(path.join(QUERIES_DIR, name, "duckdb.sql"), "utf8");
      expect(duck, name).toContain(`WHEN max(date) - min(date) <= ${AUTO_DAY_MAX_DAYS} THEN 'day'`);
      expect(duck, name).toContain(`WHEN max(date) - min(date) <= ${AUTO_WEEK_MAX_DAYS} THEN 'week'`);
      const ch = readFileSync(path.join(QUERIES_DIR, name, "clickhouse.sql"), "utf8");
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
    for (const f of ["duckdb.sql", "clickhouse.sql"])
      expect(readFileSync(path.join(QUERIES_DIR, name, f), "utf8"), f).toContain(list(values));
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
    const text = readFileSync(path.join(QUERIES_DIR, name, "duckdb.sql"), "utf8");
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
    const text = readFileSync(path.join(QUERIES_DIR, name, "duckdb-stored.sql"), "utf8");
    const prepared = await conn.prepare(text);
    const names = Array.from({ length: prepared.parameterCount }, (_, i) => prepared.parameterName(i + 1));
    expect(names.sort()).toEqual(placeholders(text).sort());
    // the stored walk is found by the walk's parameters, and the query takes the others the walking text takes
    const walking = placeholders(readFileSync(path.join(QUERIES_DIR, name, "duckdb.sql"), "utf8"));
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
