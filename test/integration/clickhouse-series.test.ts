/**
 * Contract test of the history, growth, concentration, report and price queries (test/contract/series.cases.ts):
 * every case gives the same rows in the same order on DuckDB and on ClickHouse, one node and two shards (servers
 * started by scripts/clickhouse-cluster.sh). Both stores load the same files through the same path
 * (`importFiles`, i.e. beginLoad/stage/commit) into two databases each:
 * - "full": the committed sample as 2024-07-11, the meta-llama/lmsys fixture as 2024-08-11, the nctu6 monthly series
 *   of `taide` (all-time counters) and the kb-labb monthly series of KBLab/KB (../shared), plus two LiteLLM price
 *   imports: 80 snapshots over 2022-2026, models that vanish and come back, new entrants, concentration;
 * - "counters": the nctu6 series alone, so consecutive snapshots carry the all-time counter (derived daily
 *   downloads) and the lowered counter of Alpha1 on 2025-12-08 (as in series.test.ts) shows as a decrease.
 * Skips without clickhouse-server or ../shared (fails instead with CI=true).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../src/ingest/import-files.js";
import { readLiteLlmFile } from "../../src/ingest/litellm-prices.js";
import { readPortkeyFile } from "../../src/ingest/portkey-prices.js";
import {
  CATALOG,
  priceFirstDate,
  priceList,
  priceLookup,
  REPORT_QUERIES,
  SERIES_QUERIES,
} from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../../src/store/clickhouse/connection.js";
import { writeKeyHashCollisions } from "../../src/store/clickhouse/key-hashes.js";
import { literal } from "../../src/store/clickhouse/literal.js";
import { currentGeneration } from "../../src/store/clickhouse/rollups.js";
import { withShippedPrices } from "../../src/store/clickhouse/shipped-prices.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import { clickHouseLive, type LocalClickHouse, memoQueries, startLocalClickHouse } from "../contract/clickhouse.js";
import { ALPHA1, CASES } from "../contract/series.cases.js";
import { hasShared, ROOT, SAMPLE, SHARED, sharedHub, tempDir } from "../helpers.js";

const live = clickHouseLive();
const HAS_SHARED = live && hasShared();

const FIXTURE = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
const NCTU6_DIR = sharedHub("series/nctu6__huggingface_stats");
const KB_DIR = sharedHub("series/kb-labb__huggingface_stats");
const LITELLM = path.join(SHARED, "data/prices/BerriAI__litellm/model_prices_and_context_window.json.gz");
const PORTKEY_TOGETHER = path.join(SHARED, "data/prices/Portkey-AI__models/pricing/together-ai.json");

const csvFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => path.join(dir, f));

/** The files of each data set, in load order (one load each). */
interface DataSets {
  full: Array<{ files: string[]; date?: string }>;
  counters: Array<{ files: string[]; date?: string }>;
}

async function loadInto(store: Store, loads: DataSets[keyof DataSets], prices: boolean): Promise<void> {
  for (const l of loads) await importFiles(store, l.files, l.date ? { date: l.date } : {});
  if (!prices) return;
  const table = await readLiteLlmFile(LITELLM);
  await store.importPrices({ rows: table.rows, asOf: "2026-07-24", source: "litellm:current.json.gz" });
  // an older import on the shipped table's first date: an imported row wins the tie
  await store.importPrices({ rows: table.rows.slice(0, 300), asOf: "2023-03-14", source: "litellm:old.json.gz" });
  // a second source of 2026 (Portkey, cents per token): Together's Qwen3-235B-2507 output disagrees 10× with LiteLLM's
  const portkey = await readPortkeyFile(PORTKEY_TOGETHER);
  await store.importPrices({ rows: portkey.rows, asOf: "2026-08-21", source: "portkey:together-ai.json" });
}

/** Comparison key: the same rows in the same order. */
const same = (rows: unknown[]) => JSON.stringify(rows);

describe.skipIf(!HAS_SHARED)("series, report and price queries: ClickHouse answers as DuckDB", () => {
  let tmp: ReturnType<typeof tempDir>;
  let sets: DataSets;
  const duck: Partial<Record<keyof DataSets, DuckDBStore>> = {};

  beforeAll(async () => {
    tmp = tempDir("omo-ch-series-");
    // the real taide series has no counter decrease: lower Alpha1's all-time count on 2025-12-08 (118,896 ->
    // 115,000, below its 115,642 of 2025-10-30), as series.test.ts does
    const n6 = path.join(tmp.dir, "nctu6");
    mkdirSync(n6);
    for (const f of csvFiles(NCTU6_DIR)) copyFileSync(f, path.join(n6, path.basename(f)));
    const dec = path.join(n6, "2025-12-08_hf.csv");
    const text = readFileSync(dec, "utf8");
    const line = `${ALPHA1},3073,118896,`;
    expect(text).toContain(line);
    writeFileSync(dec, text.replace(line, `${ALPHA1},3073,115000,`));
    sets = {
      full: [
        { files: [SAMPLE], date: "2024-07-11" },
        { files: [FIXTURE], date: "2024-08-11" },
        { files: csvFiles(n6) },
        { files: csvFiles(KB_DIR) },
      ],
      counters: [{ files: csvFiles(n6) }],
    };
    for (const name of ["full", "counters"] as const) {
      const store = await DuckDBStore.open(path.join(tmp.dir, `${name}.duckdb`));
      await loadInto(store, sets[name], name === "full");
      // both ClickHouse modes compare with the same answers: each asked once (nothing writes after the load)
      duck[name] = memoQueries(store);
    }
  }, 300_000);

  afterAll(async () => {
    await duck.full?.close();
    await duck.counters?.close();
    tmp?.cleanup();
  });

  it("the cases cover every series, report and price query, and the flags they can raise", async () => {
    const names = new Set(CASES.map(([n]) => n));
    for (const q of [...SERIES_QUERIES, ...REPORT_QUERIES, priceList, priceLookup, priceFirstDate])
      expect(names.has(q.name), q.name).toBe(true);
    const seen = new Set<string>();
    for (const name of ["full", "counters"] as const) {
      for (const [n, params] of CASES) {
        if (n !== "model-series" && n !== "org-series") continue;
        const rows = (await duck[name]?.query(CATALOG[n] as never, params as never)) as Array<Record<string, unknown>>;
        for (const r of rows) {
          seen.add(`unit:${r.unit}`);
          for (const f of ["first", "gap", "decrease", "partial"]) if (r[f] === true) seen.add(f);
          for (const f of ["newRepos", "gapRepos", "decreaseRepos"]) if (Number(r[f]) > 0) seen.add(f);
          if (r.dailyDownloads !== null) seen.add("daily");
          if (r.partial === false) seen.add("whole");
        }
      }
    }
    expect([...seen].sort()).toEqual(
      [
        "unit:day",
        "unit:week",
        "unit:month",
        "first",
        "gap",
        "decrease",
        "partial",
        "whole",
        "newRepos",
        "gapRepos",
        "decreaseRepos",
        "daily",
      ].sort(),
    );
  });

  describe.each(["single", "two-shard"] as const)("ClickHouse %s", (mode) => {
    let server: LocalClickHouse;
    const ch: Partial<Record<keyof DataSets, ClickHouseStore>> = {};
    const conns: Partial<Record<keyof DataSets, ClickHouseConnection>> = {};

    beforeAll(async () => {
      server = await startLocalClickHouse(mode);
      for (const name of ["full", "counters"] as const) {
        const store = await ClickHouseStore.open(server.storeUrl(`omo_series_${name}`));
        await loadInto(store, sets[name], name === "full");
        ch[name] = store;
        conns[name] = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl(`omo_series_${name}`)));
      }
    }, 300_000);

    afterAll(async () => {
      await ch.full?.close();
      await ch.counters?.close();
      await conns.full?.close();
      await conns.counters?.close();
      server?.stop();
    });

    for (const name of ["full", "counters"] as const) {
      it(`every case gives DuckDB's rows, in DuckDB's order (${name} data)`, async () => {
        const a = duck[name] as DuckDBStore;
        const b = ch[name] as ClickHouseStore;
        const conn = conns[name] as ClickHouseConnection;
        let nonEmpty = 0;
        for (const [n, params] of CASES) {
          const q = CATALOG[n];
          if (!q) throw new Error(`no catalog query ${n}`);
          const want = await a.query(q, params);
          // the store's hook for `$shipped` (the shipped CSV's rows loaded into ClickHouse, keyed by content hash);
          // a no-op once ClickHouseStore.query applies it itself
          const got = await b.query(q, await withShippedPrices(conn, q, params));
          expect(same(got), `${n} ${JSON.stringify(params)}`).toBe(same(want));
          if (want.length > 0) nonEmpty++;
        }
        expect(nonEmpty).toBeGreaterThan(name === "full" ? 100 : 40);
      }, 300_000);
    }

    it("entrants and model search compare keys as text where the dimension lists their hash as shared (key_hash_collisions)", async () => {
      const a = duck.full as DuckDBStore;
      const b = ch.full as ClickHouseStore;
      const conn = conns.full as ClickHouseConnection;
      const dates = (await a.query(CATALOG.snapshots as (typeof CATALOG)[string], {})).map((r) =>
        String((r as { date: unknown }).date),
      );
      expect(dates.length).toBeGreaterThan(10);
      const cases: Array<readonly [string, Record<string, unknown>]> = [
        ...CASES.filter(([n]) => n === "entrants-since" || n === "new-entrants"),
        // every model (each id holds a "/"), some, the first snapshot's (models listed later come last), none
        ["search-models", { q: "/", limit: 100 }],
        ["search-models", { q: "a", limit: 7 }],
        ["search-models", { q: "/", date: dates.sort()[0], limit: 100 }],
        ["search-models", { q: "no such model", limit: 5 }],
      ];
      expect(cases.length).toBeGreaterThan(9);
      // no two keys of the loaded data share a hash: every key takes the hash comparison
      const gen = await currentGeneration(conn);
      expect(await conn.rows(`SELECT h FROM key_hash_collisions WHERE load_id = ${literal(gen)}`)).toEqual([]);
      // the load's pass lists a hash that two dimension rows share (here one key written twice into a probe
      // generation: the same grouping a collision of two keys meets)
      await conn.command(
        `INSERT INTO model_dim_rows (load_id, key, id) VALUES ('probe', 'x/y', 'x/y'), ('probe', 'x/y', 'x/y')`,
      );
      await conn.command(writeKeyHashCollisions("'probe'"));
      expect(await conn.rows(`SELECT toString(h) AS h FROM key_hash_collisions WHERE load_id = 'probe'`)).toEqual(
        await conn.rows(`SELECT toString(cityHash64('x/y')) AS h`),
      );
      for (const t of ["model_dim_rows", "key_hash_collisions"])
        await conn.command(`ALTER TABLE ${t} DROP PARTITION 'probe'`);
      // every key listed as shared (every row takes the text path), then half of them (both paths meet in one
      // answer: entrants of both compete for the $limit-th count, search rows of both for the order): the answers
      // stay DuckDB's
      for (const [listed, which] of [
        ["every key", "1"],
        ["half the keys", "cityHash64(key) % 2 = 0"],
      ] as const) {
        await conn.command(
          `INSERT INTO key_hash_collisions (load_id, h) SELECT load_id, cityHash64(key) FROM model_dim_rows WHERE load_id = ${literal(gen)} AND ${which}`,
        );
        try {
          const [{ n }] = (await conn.rows<{ n: number }>(
            `SELECT count() AS n FROM key_hash_collisions WHERE load_id = ${literal(gen)}`,
          )) as [{ n: number }];
          expect(Number(n), listed).toBeGreaterThan(5_000);
          let nonEmpty = 0;
          for (const [n, params] of cases) {
            const q = CATALOG[n] as (typeof CATALOG)[string];
            const want = await a.query(q, params);
            expect(same(await b.query(q, params)), `${listed}: ${n} ${JSON.stringify(params)}`).toBe(same(want));
            if (want.length > 0) nonEmpty++;
          }
          expect(nonEmpty).toBeGreaterThan(3);
        } finally {
          await conn.command(`ALTER TABLE key_hash_collisions DROP PARTITION ${literal(gen)}`);
        }
      }
    }, 300_000);
  });
});
