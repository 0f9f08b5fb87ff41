/**
 * The catalog queries of the dashboard, alerts and feeds (a model's derivatives and parents, new derivatives,
 * organisations ranked with like-for-like growth, task and library facets) answer on ClickHouse (one node and two
 * shards) exactly as on DuckDB: the sample (2024-07-11) and the lineage fixture (2025-01-22) as two snapshots.
 * Skips without clickhouse-server (fails instead with CI=true).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINEAGE_QUERIES } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import type { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import {
  clickHouseLive,
  contractDiff,
  type LocalClickHouse,
  loadSampleAndLineage,
  sampleAndLineageDuck,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { CASES } from "../contract/dashboard.cases.js";
import { tempDir } from "../helpers.js";

const live = clickHouseLive();

describe.skipIf(!live).each(["single", "two-shard"] as const)("dashboard queries on ClickHouse (%s)", (mode) => {
  let server: LocalClickHouse;
  let ch: ClickHouseStore;
  let duck: DuckDBStore;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    tmp = tempDir();
    server = await startLocalClickHouse(mode);
    ch = await ClickHouseStore.open(server.storeUrl(`omo_dashboard_${mode.replace("-", "_")}`));
    duck = await sampleAndLineageDuck(path.join(tmp.dir, "omo.duckdb"));
    await loadSampleAndLineage(ch);
  }, 120_000);

  afterAll(async () => {
    await ch?.close();
    await duck?.close();
    await server?.stop();
    tmp?.cleanup();
  });

  it("every new query has contract cases", () => {
    for (const name of [...LINEAGE_QUERIES.map((q) => q.name), "org-ranking", "model-facets"]) {
      expect(
        CASES.some(([n]) => n === name),
        name,
      ).toBe(true);
    }
  });

  it("answers every case exactly as DuckDB (same rows, same order)", async () => {
    const { failures, nonEmpty } = await contractDiff(duck, ch, CASES);
    expect(failures.join("\n\n")).toBe("");
    expect(nonEmpty).toBeGreaterThan(CASES.length / 2);
  }, 300_000);
});
