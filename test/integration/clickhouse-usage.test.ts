/**
 * Usage on ClickHouse (migration 5) against DuckDB (migration 007), one node and two shards: the whole shared
 * OpenRouter folder imported into both answers every usage query (test/contract/usage.cases.ts) with the same rows
 * in the same order, re-importing replaces, and an import killed before its commit row leaves what was visible.
 * Skips without clickhouse-server or ../shared (fails instead with CI=true).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importUsage } from "../../src/ingest/usage/import.js";
import { CATALOG, USAGE_QUERIES, usageRows, usageSnapshots } from "../../src/queries/index.js";
import { ClickHouseStore } from "../../src/store/clickhouse/clickhouse-store.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { clickHouseLive, type LocalClickHouse, loadDated, startLocalClickHouse } from "../contract/clickhouse.js";
import { USAGE_CASES } from "../contract/usage.cases.js";
import { hasShared, ROOT, SAMPLE, SHARED, tempDir } from "../helpers.js";

const live = clickHouseLive();
const shared = hasShared();
const USAGE = path.join(SHARED, "data/usage/openrouter");

describe.skipIf(!live || !shared)("usage queries: ClickHouse = DuckDB", () => {
  let tmp: ReturnType<typeof tempDir>;
  let duck: DuckDBStore;

  beforeAll(async () => {
    tmp = tempDir("omo-ch-usage-");
    duck = await DuckDBStore.open(path.join(tmp.dir, "usage.duckdb"));
    await loadDated(duck, [[SAMPLE, "2024-07-11"]]);
    await importUsage(duck, [USAGE]);
  }, 120_000);

  afterAll(async () => {
    await duck?.close();
    tmp?.cleanup();
  });

  it("the cases cover every usage query", () => {
    const names = new Set(USAGE_CASES.map(([n]) => n));
    for (const q of USAGE_QUERIES) expect(names.has(q.name), q.name).toBe(true);
  });

  describe.each(["single", "two-shard"] as const)("ClickHouse %s", (mode) => {
    let server: LocalClickHouse;
    let ch: ClickHouseStore;
    let url = "";

    beforeAll(async () => {
      server = await startLocalClickHouse(mode);
      url = server.storeUrl(`omo_usage_${mode.replace("-", "_")}`);
      ch = await ClickHouseStore.open(url);
      await loadDated(ch, [[SAMPLE, "2024-07-11"]]);
      await importUsage(ch, [USAGE]);
    }, 300_000);

    afterAll(async () => {
      await ch?.close();
      await server?.stop();
    });

    it("answers every usage case with DuckDB's rows, in the same order", async () => {
      for (const [name, params] of USAGE_CASES) {
        const q = CATALOG[name];
        if (!q) throw new Error(`no catalog query ${name}`);
        // load times differ between the stores
        const strip = (rows: unknown[]) =>
          name === "usage-version"
            ? rows.map((r) => ({ ...(r as object), loaded: typeof (r as { loaded: unknown }).loaded }))
            : rows;
        const want = strip(await duck.query(q, params));
        const got = strip(await ch.query(q, params));
        expect(got.length, `${name} ${JSON.stringify(params)}`).toBe(want.length);
        expect(JSON.stringify(got), `${name} ${JSON.stringify(params)}`).toBe(JSON.stringify(want));
      }
    });

    it("re-imports replace; an import killed before its commit row changes nothing", async () => {
      const before = await ch.query(usageSnapshots, { period: null, source: null, from: null, to: null });
      const file = path.join(USAGE, "hashd1ve__openrouter-pulse/models_daily.csv");
      const again = await importUsage(ch, [file]);
      expect(again.stored).toMatchObject({ snapshots: 23, replaced: 23 });
      const after = await ch.query(usageSnapshots, { period: null, source: null, from: null, to: null });
      expect(after.length).toBe(before.length);
      const dayRows = await ch.query(usageRows, { period: "day", source: null, from: null, to: null });
      expect(dayRows.length).toBe(11_115);

      const child = path.join(tmp.dir, `kill-${mode}.mts`);
      const small = path.join(tmp.dir, `weekly-${mode}.csv`);
      writeFileSync(small, "date,model_id,tokens,period,week_end\n2024-09-02,a/killed,1,week,2024-09-08\n");
      writeFileSync(
        child,
        `import { ClickHouseStore } from ${JSON.stringify(path.join(ROOT, "src/store/clickhouse/clickhouse-store.ts"))};
import { importUsage } from ${JSON.stringify(path.join(ROOT, "src/ingest/usage/import.ts"))};
const store = await ClickHouseStore.open(${JSON.stringify(url)});
await importUsage(store, [${JSON.stringify(small)}]);
console.log("not killed");
`,
      );
      const r = spawnSync(process.execPath, ["--import", "tsx", child], {
        cwd: ROOT,
        env: { ...process.env, OMO_KILL_AT: "clickhouse:usage-commit" },
        encoding: "utf8",
      });
      expect(r.signal, r.stderr).toBe("SIGKILL");
      const rows = await ch.query(usageRows, { period: "week", source: null, from: "2024-09-02", to: "2024-09-02" });
      expect(rows.map((x) => x.model)).not.toContain("a/killed");
      expect(rows.length).toBe(9);
    }, 120_000);
  });
});
