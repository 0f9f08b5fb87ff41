/**
 * The contract on the full 2024-07-11 Hub listing (760,000 models, ../shared): the same file imported into DuckDB,
 * into ClickHouse on one node and into ClickHouse on two shards (Distributed tables) through each store's own load
 * path; the oracle figures on each, then every contract case of test/contract/ (every catalog query) gives the same
 * rows in the same order on all three. Skips without clickhouse-server or ../shared (fails instead with CI=true).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFamily, loadFamilies, officialSqlParams } from "../../src/domain/families.js";
import { importFiles } from "../../src/ingest/import-files.js";
import { CATALOG, familyTotals, orgTotals, snapshotList } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import { clickHouseLive, type LocalClickHouse, startLocalClickHouse } from "../contract/clickhouse.js";
import { CASES as CORE } from "../contract/core.cases.js";
import { CASES as DASHBOARD } from "../contract/dashboard.cases.js";
import { CASES as FAMILIES } from "../contract/families.cases.js";
import { LEADERBOARD_CASES } from "../contract/leaderboards.cases.js";
import { perFamilyRanking, rankingFigures } from "../contract/ranking.js";
import { CASES as SERIES } from "../contract/series.cases.js";
import { USAGE_CASES } from "../contract/usage.cases.js";
import { hasShared, sharedHub, tempDir } from "../helpers.js";

const live = clickHouseLive();
const enabled = live && hasShared();
const FULL = sharedHub("2024-07-11/models.jsonl.gz");

/**
 * Every contract case, and the queries covered elsewhere (store-copy.test.ts exercises the export queries). The
 * leaderboard cases run here on the Hub listing (repo candidates, hub-models-at) and over real leaderboard tables in
 * clickhouse-leaderboards.test.ts.
 */
const ALL_CASES = [...CORE, ...FAMILIES, ...SERIES, ...LEADERBOARD_CASES, ...DASHBOARD];

/**
 * On the full listing, the first case of each query (the fixtures' tests run all of them on smaller data): every
 * query runs, within a CI's time.
 */
const FULL_CASES = ALL_CASES.filter(([name], i) => ALL_CASES.findIndex(([n]) => n === name) === i);

/** Load times differ between stores: the snapshot list is compared without them. */
function comparable(name: string, rows: unknown[]): string {
  if (name !== "snapshots") return JSON.stringify(rows);
  return JSON.stringify(rows.map((r) => ({ ...(r as object), started: null, finished: null, source: null })));
}

describe.skipIf(!enabled)("contract on the full 2024-07-11 listing: DuckDB = ClickHouse = two shards", () => {
  const tmp = tempDir("omo-contract-");
  const stores: Array<{ name: string; store: Store }> = [];
  const servers: LocalClickHouse[] = [];

  beforeAll(async () => {
    const duck = await DuckDBStore.open(path.join(tmp.dir, "full.duckdb"));
    stores.push({ name: "duckdb", store: duck });
    await importFiles(duck, [FULL]);
    for (const mode of ["single", "two-shard"] as const) {
      const server = await startLocalClickHouse(mode);
      servers.push(server);
      const ch = await ClickHouseStore.open(server.storeUrl("omo_full"));
      stores.push({ name: `clickhouse-${mode}`, store: ch });
      await importFiles(ch, [FULL]);
    }
  }, 900_000);

  afterAll(async () => {
    for (const s of stores) await s.store.close().catch(() => undefined);
    for (const s of servers) s.stop();
    tmp.cleanup();
  });

  it("each store: 760,000 models / 1,838,905,161; lmsys vicuna 13 / 695,234; Llama 2 with lineage 3,324 / 4,697,640", async () => {
    const llama = officialSqlParams(findFamily(await loadFamilies(), "llama-2")).officialPattern;
    for (const { name, store } of stores) {
      const [snap] = await store.query(snapshotList, {});
      expect([name, snap?.models, snap?.downloads]).toEqual([name, 760_000, 1_838_905_161]);
      const [v] = await store.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
      expect([name, v?.repos, v?.downloads]).toEqual([name, 13, 695_234]);
      const [f] = await store.query(familyTotals, {
        official: llama,
        names: null,
        relations: null,
        depth: 50,
        date: null,
      });
      expect([name, f?.officialRepos, f?.officialDownloads, f?.totalRepos, f?.totalDownloads]).toEqual([
        name,
        12,
        3_780_234,
        3_324,
        4_697_640,
      ]);
    }
  });

  it("each store: the families ranking in one query has the figures of family-totals per family, the same on the three", async () => {
    const registry = await loadFamilies();
    let first: string | null = null;
    for (const { name, store } of stores) {
      const one = await rankingFigures(store, registry, "2024-07-11");
      expect(one, name).toEqual(await perFamilyRanking(store, registry, "2024-07-11"));
      expect(
        one.find((r) => r.family === "llama-2"),
        name,
      ).toMatchObject({ totalRepos: 3_324, totalDownloads: 4_697_640 });
      first ??= JSON.stringify(one);
      expect(JSON.stringify(one), name).toBe(first);
    }
  }, 900_000);

  it("every catalog query gives the same rows in the same order on the three stores", async () => {
    const failures: string[] = [];
    for (const [name, params] of FULL_CASES) {
      const q = CATALOG[name];
      if (!q) throw new Error(`no catalog query ${name}`);
      const [first, ...rest] = stores;
      if (!first) throw new Error("no stores");
      const want = comparable(name, await first.store.query(q, params));
      for (const { name: storeName, store } of rest) {
        const got = comparable(name, await store.query(q, params));
        if (got !== want) failures.push(`${storeName} ${name} ${JSON.stringify(params).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);
});

describe("contract coverage", () => {
  it("every catalog query has a contract case, and a ClickHouse form unless its SQL is the same in both", () => {
    const covered = new Set(ALL_CASES.map(([n]) => n));
    // tested by store-copy.test.ts (export and read-back between the stores)
    for (const n of ["snapshot-export", "licence-map"]) covered.add(n);
    // run over the real OpenRouter files on all three stores by clickhouse-usage.test.ts
    for (const [n] of USAGE_CASES) covered.add(n);
    const missingCase = Object.keys(CATALOG).filter((n) => !covered.has(n));
    expect(missingCase).toEqual([]);
    const noForm = Object.values(CATALOG)
      .filter((q) => !q.sql.clickhouse)
      .map((q) => q.name);
    // written in SQL both engines read alike (the store runs the DuckDB text)
    expect(noForm).toEqual(["licence-map"]);
  });
});
