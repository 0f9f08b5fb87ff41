/**
 * The catalog queries of the dashboard, alerts and feeds (a model's derivatives and parents, new derivatives,
 * organisations ranked with like-for-like growth, task and library facets) answer on ClickHouse (one node and two
 * shards) exactly as on DuckDB: the sample (2024-07-11) and the lineage fixture (2025-01-22) as two snapshots.
 * Skips without clickhouse-server (fails instead with CI=true).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../src/queries/index.js";
import { LINEAGE_QUERIES } from "../../src/queries/lineage.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import {
  clickHouseLive,
  type LocalClickHouse,
  loadSampleAndLineage,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { CASES } from "../contract/dashboard.cases.js";
import { tempDir } from "../helpers.js";

const live = clickHouseLive();

/** The rows of one case as JSON (same rows, same order). */
async function answer(store: Store, name: string, params: Record<string, unknown>): Promise<string> {
  const q = CATALOG[name];
  if (!q) throw new Error(`no catalog query ${name}`);
  return JSON.stringify(await store.query(q, params));
}

describe.skipIf(!live).each(["single", "two-shard"] as const)("dashboard queries on ClickHouse (%s)", (mode) => {
  let server: LocalClickHouse;
  let ch: ClickHouseStore;
  let duck: DuckDBStore;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    tmp = tempDir();
    server = await startLocalClickHouse(mode);
    ch = await ClickHouseStore.open(server.storeUrl(`omo_dashboard_${mode.replace("-", "_")}`));
    duck = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
    await loadSampleAndLineage(duck);
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
    const failures: string[] = [];
    let nonEmpty = 0;
    for (const [name, params] of CASES) {
      const want = await answer(duck, name, params);
      const got = await answer(ch, name, params);
      if (want.startsWith("[{")) nonEmpty++;
      if (got !== want) failures.push(`${name} ${JSON.stringify(params)}\n  duckdb:     ${want}\n  clickhouse: ${got}`);
    }
    expect(failures.join("\n\n")).toBe("");
    expect(nonEmpty).toBeGreaterThan(CASES.length / 2);
  }, 300_000);
});
