/**
 * Loads of the full listing, ClickHouse against DuckDB, paired (`npm run bench:load`; issue 15's goal: a load within 2×
 * DuckDB's). Each run is a whole `omo import` process as users run it (`node bin/omo.js`, the bundled CLI) of the
 * 2024-07-11 listing (760,000 models, from ../shared) into an empty store, the two stores in turn (ClickHouse, DuckDB,
 * ClickHouse, …), so each pair's ratio holds when the machine's speed drifts; the figure to quote is the median of the
 * pairs' ratios. One warm-up pair first, not counted.
 *
 * Both stores are created and migrated before their run (a fresh ClickHouse database, a fresh DuckDB file), as a store
 * in use is. Before each run the ClickHouse nodes have finished their merges (the previous load's, up to 10 minutes),
 * which would otherwise take the cores of the run that follows. One local ClickHouse setup at a time:
 * `OMO_BENCH_STORES` (default `single,two-shard`), `OMO_BENCH_RUNS` pairs each (default 5). The ClickHouse server's CPU
 * is its own process's: the wall time is the figure compared.
 *
 * Prints and writes bench/results/load-pairs.json (or `OMO_BENCH_OUT`): per setup, each store's wall time and the
 * pairs' ratio, as median, min and max, and every run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ClickHouseStore } from "../src/store/clickhouse/clickhouse-store.js";
import { DuckDBStore } from "../src/store/duckdb/duckdb-store.js";
import { startLocalClickHouse } from "../test/support/local-clickhouse.js";
import { chRun, settleMerges } from "./clickhouse-nodes.js";
import { spread } from "./spread.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const LISTING = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const BIN = path.join(ROOT, "bin/omo.js");
const RUNS = Number(process.env.OMO_BENCH_RUNS ?? 5);
const MODES = (process.env.OMO_BENCH_STORES ?? "single,two-shard").split(",") as ("single" | "two-shard")[];
const OUT = path.resolve(ROOT, "bench/results", process.env.OMO_BENCH_OUT ?? "load-pairs.json");

/** Wall seconds of one `omo --store STORE import LISTING` process; a failed import stops the bench. */
function importOnce(store: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, "--store", store, "import", LISTING], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`omo --store ${store} import exited ${r.status}: ${r.stderr}`);
  return s;
}

interface Pair {
  clickhouseS: number;
  duckdbS: number;
  ratio: number;
  settledS: number;
}

async function main(): Promise<void> {
  if (!existsSync(LISTING)) throw new Error(`the full listing is needed: ${LISTING}`);
  if (!existsSync(path.join(ROOT, "dist/cli-bundle/run.mjs"))) throw new Error("run `npm run build` first");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-bench-load-"));
  const results: Record<string, unknown>[] = [];
  try {
    for (const mode of MODES) {
      const ch = await startLocalClickHouse(mode);
      const pairs: Pair[] = [];
      try {
        for (let i = 0; i <= RUNS; i++) {
          const db = `omo_load_${i}`;
          const file = path.join(tmp, `load-${mode}-${i}.duckdb`);
          await (await ClickHouseStore.open(ch.storeUrl(db))).close();
          await (await DuckDBStore.open(file)).close();
          const settledS = (await settleMerges(ch.nodes, 600_000, 1000)).waitedMs / 1000;
          const clickhouseS = importOnce(ch.storeUrl(db));
          const duckdbS = importOnce(file);
          // the warm-up pair (i = 0) is not counted
          if (i > 0) pairs.push({ clickhouseS, duckdbS, ratio: clickhouseS / duckdbS, settledS });
          process.stdout.write(
            `${mode} ${i === 0 ? "warm-up" : `pair ${i}`}: ClickHouse ${clickhouseS.toFixed(2)} s, DuckDB ${duckdbS.toFixed(2)} s, ${(clickhouseS / duckdbS).toFixed(2)}× (merges settled in ${settledS.toFixed(0)} s)\n`,
          );
          for (const node of ch.nodes)
            await chRun(node, "default", `DROP DATABASE IF EXISTS ${db}`, { idempotent: true });
          rmSync(file, { force: true });
          rmSync(`${file}.wal`, { force: true });
        }
      } finally {
        ch.stop();
      }
      const row = {
        setup: mode,
        pairs: pairs.length,
        clickhouseS: spread(pairs.map((p) => p.clickhouseS)),
        duckdbS: spread(pairs.map((p) => p.duckdbS)),
        ratio: spread(pairs.map((p) => p.ratio)),
        runs: pairs.map((p) => ({ ...p, ratio: Number(p.ratio.toFixed(3)) })),
      };
      results.push(row);
      process.stdout.write(
        `${mode}: ratio median ${row.ratio.median}× (min ${row.ratio.min}, max ${row.ratio.max}); ClickHouse ${row.clickhouseS.median} s, DuckDB ${row.duckdbS.median} s\n`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(
    OUT,
    `${JSON.stringify(
      {
        bench: "load-pairs",
        date: new Date().toISOString(),
        machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
        listing: path.relative(ROOT, LISTING),
        runsPerSetup: RUNS,
        results,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`wrote ${path.relative(ROOT, OUT)}\n`);
}

await main();
