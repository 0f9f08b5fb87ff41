/**
 * Stores benchmark (`npm run bench`): the same catalog queries on DuckDB, ClickHouse on one node and ClickHouse on
 * two shards (servers started on loopback by scripts/clickhouse-cluster.sh), over the full 2024-07-11 Hub listing
 * (760,000 models, ../shared) plus 89 synthesised daily snapshots (90 days, 68.4 M statistics rows).
 *  - load: the real listing through each store's own load path (`importFiles`: stage + atomic commit), ms;
 *  - synthesis of the 89 extra days, in each database with the same integer arithmetic (so the stores hold the same
 *    numbers), ms — a fixture step, reported apart;
 *  - each query: 1 warm-up then `REPEAT` runs, median ms; and whether the three stores returned the same rows; before
 *    the first, the run waits until no ClickHouse node is merging parts (`OMO_BENCH_SETTLE=0`: it does not), and
 *    records the merges it found and the wait (`OMO_BENCH_UNSETTLED=1`: the chosen queries are timed on ClickHouse
 *    before that wait too, with the merges running then).
 * Writes bench/results/stores.json (90 days; other lengths stores-<N>d.json, or `OMO_BENCH_OUT`), with each store's
 * size on disk. `OMO_BENCH_DAYS` (default 90) and `OMO_BENCH_REPEAT` (default 5) change the run; `OMO_BENCH_STORES`
 * (a comma list of duckdb, single, two-shard) and `OMO_BENCH_QUERIES` (a comma list of case names) narrow it, for a
 * quick look at one query (write such a run elsewhere with `OMO_BENCH_OUT`: a bare name under bench/results, a path
 * from the project root, or an absolute path). `OMO_BENCH_WRITTEN=1` also times each ClickHouse query with its
 * small-table lookups sent as written (`<store>-written`, interleaved with the default runs: the baseline of
 * src/store/clickhouse/constant-lookups.ts in the same run). `OMO_BENCH_PIN=1` runs the queries with each ClickHouse
 * node on a core of its own (see PIN below). The first 15 cases were the issue's; the rest are the other queries
 * the dashboard, report and CLI run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { licenceRows, loadLicences } from "../src/domain/licences.js";
import { importFiles } from "../src/ingest/import-files.js";
import { ClickHouseStore } from "../src/store/clickhouse/clickhouse-store.js";
import { DuckDBStore } from "../src/store/duckdb/duckdb-store.js";
import type { Store } from "../src/store/store.js";
import { type LocalClickHouse, startLocalClickHouse } from "../test/support/local-clickhouse.js";
import { asWritten, benchCases, caseQuery, median, timedMs } from "./cases.js";
import { chRun, pinNodes, runningMerges, settleMerges } from "./clickhouse-nodes.js";
import { BASE, chDay, chSnapshot } from "./synthetic-days.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const FILE = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const DAYS = Number(process.env.OMO_BENCH_DAYS ?? 90);
/**
 * Where the results go, decided before the hour-long run (a 365-day run once lost its figures to a path resolved only
 * at the end): a bare name goes under bench/results, a path with a folder is taken from the project root (or as is
 * when absolute); the folder is created now so a bad one fails at once.
 */
const RESULT_FILE = (() => {
  const name = process.env.OMO_BENCH_OUT ?? (DAYS === 90 ? "stores.json" : `stores-${DAYS}d.json`);
  const file = name.includes("/") ? path.resolve(ROOT, name) : path.join(ROOT, "bench/results", name);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
})();
// the roll-up rebuild over a long history runs single statements longer than the client's 5 minutes on a busy machine
// (a 365-day run failed so); the bench waits up to an hour for one
process.env.OMO_CLICKHOUSE_TIMEOUT_MS ??= "3600000";
const REPEAT = Number(process.env.OMO_BENCH_REPEAT ?? 5);
const listEnv = (name: string): string[] | null =>
  process.env[name] ? (process.env[name] as string).split(",").map((x) => x.trim()) : null;
const STORES = listEnv("OMO_BENCH_STORES");
const QUERIES = listEnv("OMO_BENCH_QUERIES");
/** Also time the ClickHouse texts with their small-table lookups as written (the baseline of constant-lookups.ts). */
const WRITTEN = process.env.OMO_BENCH_WRITTEN === "1";
/**
 * `OMO_BENCH_PIN=1`: the queries run with each ClickHouse node on a core of its own (one node on core 0; two shards on
 * cores 0 and 1), as the nodes of a cluster of equal machines would; the loads and the set-up before are not pinned,
 * nor is DuckDB, so compare the ClickHouse setups with each other in such a run.
 */
const PIN = process.env.OMO_BENCH_PIN === "1";
/** Wait for the ClickHouse servers' background merges to finish before timing queries (`OMO_BENCH_SETTLE=0`: not). */
const SETTLE = process.env.OMO_BENCH_SETTLE !== "0";

/**
 * Waits (up to 30 minutes) until no ClickHouse node merges parts: the synthesised days and the roll-up rebuild leave
 * merges running for minutes, which take the cores the timed queries need (a store in use between daily loads has
 * finished them). Returns the wait in ms and the merges running when it began.
 */
async function settle(nodes: readonly string[]): Promise<{ waitedMs: number; mergesAtStart: number }> {
  return settleMerges(nodes, SETTLE ? 30 * 60_000 : 0, 2000);
}

/**
 * Day `i` after the base date, from the base day's statistics (integer arithmetic identical in both SQL dialects;
 * in ClickHouse `x % 200` takes the divisor's narrow type and wraps, hence `toInt64(200)`).
 */
const DUCK_DAY = `INSERT INTO model_stats
SELECT s.date + $i::INTEGER, s.mid,
  s.downloads * (900 + (s.downloads + $i::BIGINT * 37 + strlen(m.key)) % 200) // 1000,
  s.downloads * 12 + (s.downloads * $i::BIGINT) // 30,
  s.likes + CAST((strlen(m.key) + $i::INTEGER) % 3 = 0 AS INTEGER), s.trending_score
FROM model_stats s JOIN model m ON m.mid = s.mid WHERE s.date = DATE '${BASE}' ORDER BY s.mid`;
const DUCK_SNAPSHOT = `INSERT INTO snapshot
  (date, source, status, started_at, finished_at, model_count, downloads, malformed, coverage, coverage_how)
SELECT date + $i::INTEGER, 'bench:synthesised', 'complete', now()::TIMESTAMP, now()::TIMESTAMP, model_count, downloads, 0,
  coverage, coverage_how FROM snapshot WHERE date = DATE '${BASE}'`;

/** The rows as compared across stores (load times and sources of snapshots differ by nature). */
function comparable(name: string, rows: unknown[]): string {
  if (name !== "snapshots") return JSON.stringify(rows);
  return JSON.stringify(rows.map((r) => ({ ...(r as object), started: null, finished: null, source: null })));
}

interface Setup {
  name: string;
  store: Store;
  loadMs: number;
  synthMs: number;
  /** Bytes the store holds on disk after the synthesis (DuckDB: the file; ClickHouse: active parts, every node). */
  diskBytes: number;
  /** The roll-ups (migration 008 / 8) rebuilt over the synthesised days, ms (null for a store without roll-ups). */
  rollupMs: number | null;
  /**
   * The per-date aggregates of the stored family walks (ClickHouse migration 13) written once more over every date,
   * ms: what a load pays to write them at this many days (null for a store without them).
   */
  familyRollupMs?: number | null;
  /** The ClickHouse nodes' HTTP URLs (none for DuckDB). */
  nodes?: string[];
  /** Pins each node to a core of its own; returns the cores, by node. */
  pin?: () => number[];
  stop?: () => void;
}

/**
 * The synthesised days are written outside a load, so their roll-ups are rebuilt whole once they are in (the same
 * statements as the migration): a fixture step, reported apart. Stores without roll-ups skip it.
 */
async function rebuildRollups(store: Store): Promise<number | null> {
  const s = store as Store & { rebuildRollups?: () => Promise<void> };
  if (!s.rebuildRollups) return null;
  const t = performance.now();
  await s.rebuildRollups();
  return performance.now() - t;
}

async function duckSetup(dir: string): Promise<Setup> {
  const file = path.join(dir, "bench.duckdb");
  let store = await DuckDBStore.open(file);
  let t = performance.now();
  await importFiles(store, [FILE]);
  const loadMs = performance.now() - t;
  await store.close();
  t = performance.now();
  const inst = await DuckDBInstance.create(file);
  const c = await inst.connect();
  for (let i = 1; i < DAYS; i++) {
    await c.run("BEGIN");
    await c.run(DUCK_DAY, { i });
    await c.run(DUCK_SNAPSHOT, { i });
    await c.run("COMMIT");
  }
  await c.run("CHECKPOINT");
  c.closeSync();
  inst.closeSync();
  const synthMs = performance.now() - t;
  const diskBytes = statSync(file).size;
  store = await DuckDBStore.open(file);
  const rollupMs = await rebuildRollups(store);
  return { name: "duckdb", store, loadMs, synthMs, diskBytes, rollupMs };
}

async function chSetup(mode: "single" | "two-shard"): Promise<Setup> {
  const server: LocalClickHouse = await startLocalClickHouse(mode);
  const db = "omo_bench";
  const store = await ClickHouseStore.open(server.storeUrl(db));
  let t = performance.now();
  await importFiles(store, [FILE]);
  const loadMs = performance.now() - t;
  t = performance.now();
  const coordinator = server.nodes[0] as string;
  const loadId = (await chRun(coordinator, db, `SELECT load_id FROM snapshot WHERE date = toDate('${BASE}')`)).trim();
  // both orderings of the statistics (migration 7): by model and by date
  const tables =
    mode === "single"
      ? ["model_stats_all", "model_stats_by_date_all"]
      : ["model_stats_local", "model_stats_by_date_local"];
  const nodes = mode === "single" ? [coordinator] : server.nodes;
  for (let i = 1; i < DAYS; i++) {
    for (const table of tables) await Promise.all(nodes.map((n) => chRun(n, db, chDay(table, i, loadId))));
    await chRun(coordinator, db, chSnapshot(i));
  }
  const synthMs = performance.now() - t;
  const rollupMs = await rebuildRollups(store);
  t = performance.now();
  await store.rebuildFamilyRollups();
  const familyRollupMs = performance.now() - t;
  let diskBytes = 0;
  for (const n of nodes) {
    const sql = `SELECT sum(bytes_on_disk) FROM system.parts WHERE database = '${db}' AND active`;
    diskBytes += Number((await chRun(n, db, sql)).trim());
  }
  return {
    name: `clickhouse-${mode}`,
    store,
    loadMs,
    synthMs,
    diskBytes,
    rollupMs,
    familyRollupMs,
    nodes,
    pin: () => pinNodes(server.dir, server.nodes.length),
    stop: () => server.stop(),
  };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-bench-stores-"));
  const setups: Setup[] = [];
  try {
    const licences = licenceRows(await loadLicences());
    const makers: Array<[string, () => Promise<Setup>]> = [
      ["duckdb", () => duckSetup(tmp)],
      ["single", () => chSetup("single")],
      ["two-shard", () => chSetup("two-shard")],
    ];
    for (const [label, make] of makers) {
      if (STORES && !STORES.includes(label)) continue;
      const s = await make();
      await s.store.refreshLicences(licences);
      setups.push(s);
      process.stdout.write(
        `${s.name}: load ${(s.loadMs / 1000).toFixed(1)} s, synthesis of ${DAYS - 1} days ${(s.synthMs / 1000).toFixed(1)} s, roll-ups rebuilt ${s.rollupMs === null ? "-" : `${(s.rollupMs / 1000).toFixed(1)} s`}${s.familyRollupMs ? `, family aggregates written ${(s.familyRollupMs / 1000).toFixed(1)} s` : ""}\n`,
      );
    }
    const last = new Date(Date.parse(`${BASE}T00:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const cases = await benchCases({ base: BASE, last, window: DAYS > 30 ? 30 : 7 });
    // with OMO_BENCH_UNSETTLED=1, the chosen queries are also timed on ClickHouse before the merges finish
    const unsettled: Array<Record<string, unknown>> = [];
    if (process.env.OMO_BENCH_UNSETTLED === "1")
      for (const [name, params] of cases) {
        if (QUERIES && !QUERIES.includes(name)) continue;
        const q = caseQuery(name);
        const row: Record<string, unknown> = { query: name };
        for (const st of setups.filter((x) => x.nodes)) {
          row[`${st.name}-merges`] = await runningMerges(st.nodes ?? []);
          const times: number[] = [];
          await st.store.query(q, params);
          for (let r = 0; r < REPEAT; r++) times.push(await timedMs(() => st.store.query(q, params)));
          row[st.name] = Math.round(median(times) * 10) / 10;
        }
        unsettled.push(row);
        process.stdout.write(`unsettled: ${JSON.stringify(row)}\n`);
      }
    const pinnedCores = PIN ? Object.fromEntries(setups.filter((s) => s.pin).map((s) => [s.name, s.pin?.()])) : null;
    if (pinnedCores) process.stdout.write(`ClickHouse nodes pinned to cores: ${JSON.stringify(pinnedCores)}\n`);
    const settled = await settle(setups.flatMap((s) => s.nodes ?? []));
    process.stdout.write(
      `merges running before the queries: ${settled.mergesAtStart}; ${SETTLE ? `waited ${(settled.waitedMs / 1000).toFixed(1)} s for them` : "not waited for (OMO_BENCH_SETTLE=0)"}\n`,
    );
    const results: Array<Record<string, unknown>> = [];
    for (const [name, params] of cases) {
      if (QUERIES && !QUERIES.includes(name)) continue;
      const q = caseQuery(name);
      const row: Record<string, unknown> = { query: name };
      let reference: string | null = null;
      let same = true;
      for (const s of setups) {
        const times: number[] = [];
        let out = "";
        try {
          out = comparable(name, await s.store.query(q, params));
          // with OMO_BENCH_WRITTEN, ClickHouse also runs each text with its lookups as written, interleaved
          const written = WRITTEN && s.store instanceof ClickHouseStore ? s.store : null;
          const writtenTimes: number[] = [];
          if (written && comparable(name, await asWritten(written, () => written.query(q, params))) !== out)
            same = false;
          for (let r = 0; r < REPEAT; r++) {
            times.push(await timedMs(() => s.store.query(q, params)));
            if (written) writtenTimes.push(await asWritten(written, () => timedMs(() => written.query(q, params))));
          }
          row[s.name] = Math.round(median(times) * 10) / 10;
          if (written) row[`${s.name}-written`] = Math.round(median(writtenTimes) * 10) / 10;
        } catch (err) {
          row[s.name] = `error: ${(err as Error).message.slice(0, 120)}`;
          same = false;
        }
        if (reference === null) reference = out;
        else if (out !== reference) same = false;
      }
      row.sameRows = same;
      results.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
    // the previous run stays as `before` (the first one recorded, when the previous run kept one itself)
    const resultFile = RESULT_FILE;
    let before: unknown = null;
    if (existsSync(resultFile)) {
      const prev = JSON.parse(readFileSync(resultFile, "utf8")) as Record<string, unknown>;
      const { before: older, ...rest } = prev;
      before = older ?? rest;
    }
    // the threads a ClickHouse query may use (scripts/clickhouse-cluster.sh: the machine's logical CPUs; 18.16's own
    // default counts physical cores); DuckDB's default is one per logical CPU
    const chNode = setups.find((st) => st.nodes)?.nodes?.[0];
    const chMaxThreads = chNode
      ? Number((await chRun(chNode, "system", "SELECT value FROM system.settings WHERE name = 'max_threads'")).trim())
      : null;
    const out = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      clickhouseMaxThreads: chMaxThreads,
      ...(pinnedCores ? { pinnedCores } : {}),
      input: { file: path.relative(ROOT, FILE), models: 760_000, days: DAYS },
      repeat: REPEAT,
      settle: { ...settled, waited: SETTLE },
      ...(unsettled.length > 0 ? { unsettledMedianMs: unsettled } : {}),
      loads: setups.map((s) => ({
        store: s.name,
        loadMs: Math.round(s.loadMs),
        synthMs: Math.round(s.synthMs),
        diskMB: Math.round(s.diskBytes / 2 ** 20),
        rollupRebuildMs: s.rollupMs === null ? null : Math.round(s.rollupMs),
        familyAggregatesMs: s.familyRollupMs ? Math.round(s.familyRollupMs) : null,
      })),
      queriesMedianMs: results,
      before,
    };
    writeFileSync(resultFile, `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`wrote ${path.relative(ROOT, resultFile)}\n`);
  } finally {
    for (const s of setups) {
      await s.store.close().catch(() => undefined);
      s.stop?.();
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
