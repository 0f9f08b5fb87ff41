/**
 * Families benchmark (`npm run bench`), on the full 2024-07-11 Hub listing (760,000 models) from ../shared:
 *  1. family roll-up: the catalog's `family-totals` for Llama 2 (official + all lineage descendants) on the
 *     760k-model snapshot, warm, against a hand-written DuckDB recursive query giving the same answer, same run;
 *  2. the families ranking (`omo families`, `/api/families`): `familiesRanking` (one `families-ranking` query over the
 *     registry) against the 31 `family-totals` queries it ran before (one per family), same figures, same run;
 *  3. family series over 90 daily snapshots synthesised from the real one (downloads varied per model and day by a
 *     hash, an all-time counter that grows), through `family-series`; and the bytes each stored statistics row
 *     takes on disk (file growth after CHECKPOINT over the rows added).
 * Writes bench/results/families.json; `tsx bench/families.bench.ts --ranking` measures only 2., on DuckDB and on a
 * local one-node ClickHouse, into bench/results/families-ranking.json. The synthesis and the reference query are
 * benchmark fixtures: the SQL of omo itself is the catalog's.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { familiesRanking, familyParams } from "../src/answers/bodies.js";
import { type Family, findFamily, loadFamilies, officialSqlParams } from "../src/domain/families.js";
import { importFiles } from "../src/ingest/import-files.js";
import { familySeries, familyTotals, snapshotList } from "../src/queries/index.js";
import { ClickHouseStore } from "../src/store/clickhouse/clickhouse-store.js";
import { DuckDBStore } from "../src/store/duckdb/duckdb-store.js";
import type { Store } from "../src/store/store.js";
import { hasClickHouseServer, startLocalClickHouse } from "../test/support/local-clickhouse.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const FILE = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const DAYS = 90;
const REPEAT = 7;
const RANKING_REPEAT = 3;

/**
 * The reference: a plain recursive CTE (UNION, min depth per model), as one would write it by hand, over the links a
 * default walk follows (every relation but `reupload`: re-upload links are found by a name rule and followed only when
 * asked; following them counts 4,307 Llama 2 repos instead of 3,324).
 */
const HAND_WRITTEN = `WITH RECURSIVE walk(key, depth) AS (
  SELECT key, 0 FROM model WHERE regexp_matches(key, $official)
  UNION
  SELECT l.child_key, w.depth + 1 FROM walk w JOIN model_link l ON l.parent_key = w.key
  WHERE w.depth < 50 AND l.relation <> 'reupload'
),
members AS (SELECT key, min(depth) AS depth FROM walk GROUP BY key)
SELECT count(*) FILTER (WHERE depth = 0) AS official, sum(s.downloads) FILTER (WHERE depth = 0) AS official_dl,
  count(*) AS total, sum(s.downloads) AS total_dl
FROM members mb JOIN model m ON m.key = mb.key
  JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT max(date) FROM snapshot WHERE status = 'complete')`;

/** Adds day `i` after the base date: every model, downloads varied by ±10 % (hash of model and day), growing all-time counter. */
const SYNTH_DAY = `INSERT INTO model_stats
SELECT s.date + $i::INTEGER, s.mid,
  CAST(s.downloads * (0.9 + (hash(s.mid, $i::INTEGER) % 200) / 1000.0) AS BIGINT),
  CAST(s.downloads * 12 + s.downloads * $i::INTEGER / 30.0 AS BIGINT),
  s.likes + CAST(hash(s.mid, $i::INTEGER) % 3 = 0 AS INTEGER), s.trending_score
FROM model_stats s WHERE s.date = DATE '2024-07-11' ORDER BY s.mid`;
const SYNTH_SNAPSHOT = `INSERT INTO snapshot
  (date, source, status, started_at, finished_at, model_count, downloads, malformed, coverage, coverage_how)
SELECT date + $i::INTEGER, 'bench:synthesised', 'complete', now()::TIMESTAMP, now()::TIMESTAMP, model_count, downloads,
  0, coverage, coverage_how FROM snapshot WHERE date = DATE '2024-07-11'`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * The ranking of every family on `store`, warm, interleaved: `familiesRanking` (one `families-ranking` query) against
 * the per-family `family-totals` queries it ran before; throws unless both give the same rows.
 */
async function measureRanking(store: Store, registry: Family[]) {
  const [snap] = await store.query(snapshotList, {});
  const date = snap?.date as string;
  const ctx = { families: registry, query: store.query.bind(store) as never, notFound: (m: string) => new Error(m) };
  const figures = async () => (await familiesRanking(ctx, date)).map(({ rank: _r, date: _d, title: _t, ...r }) => r);
  const oneMs: number[] = [];
  const perFamilyMs: number[] = [];
  let one = await figures();
  let perFamily = await perFamilyRanking(store, registry, date);
  for (let i = 0; i < RANKING_REPEAT; i++) {
    let t = performance.now();
    one = await figures();
    oneMs.push(performance.now() - t);
    t = performance.now();
    perFamily = await perFamilyRanking(store, registry, date);
    perFamilyMs.push(performance.now() - t);
  }
  if (JSON.stringify(one) !== JSON.stringify(perFamily))
    throw new Error(`${store.location}: families-ranking differs from the per-family family-totals`);
  process.stdout.write(
    `families ranking (${registry.length} families, ${store.location}): one query ${median(oneMs).toFixed(0)} ms, one per family ${median(perFamilyMs).toFixed(0)} ms (same rows)\n`,
  );
  return {
    families: registry.length,
    repeat: RANKING_REPEAT,
    oneQueryMedianMs: Number(median(oneMs).toFixed(1)),
    perFamilyMedianMs: Number(median(perFamilyMs).toFixed(1)),
    speedup: Number((median(perFamilyMs) / median(oneMs)).toFixed(1)),
    oneQueryMs: oneMs.map((x) => Number(x.toFixed(1))),
    perFamilyMs: perFamilyMs.map((x) => Number(x.toFixed(1))),
    sameRows: true,
    top: one.slice(0, 3),
  };
}

/**
 * `--ranking`: only the families ranking, on DuckDB and (when clickhouse-server is installed) on a local one-node
 * ClickHouse, each loaded with the full listing through its own load path; writes bench/results/families-ranking.json.
 */
async function rankingOnly(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-bench-rank-"));
  try {
    const registry = await loadFamilies();
    const duck = await DuckDBStore.open(path.join(tmp, "rank.duckdb"));
    await importFiles(duck, [FILE]);
    const duckdb = await measureRanking(duck, registry);
    await duck.close();
    let clickhouse: unknown = "clickhouse-server not installed";
    if (hasClickHouseServer()) {
      const server = await startLocalClickHouse("single");
      const ch = await ClickHouseStore.open(server.storeUrl("omo_bench_rank"));
      try {
        await importFiles(ch, [FILE]);
        clickhouse = { mode: "single", ...(await measureRanking(ch, registry)) };
      } finally {
        await ch.close();
        server.stop();
      }
    }
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      load: os.loadavg().map((x) => Number(x.toFixed(2))),
      input: { file: path.relative(ROOT, FILE), models: 760_000 },
      before: "one family-totals query per family (familiesRanking until issue 16)",
      after: "one families-ranking query (familiesRanking)",
      duckdb,
      clickhouse,
    };
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/results/families-ranking.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write("written: bench/results/families-ranking.json\n");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The ranking as `familiesRanking` computed it before `families-ranking`: one `family-totals` query per family. */
async function perFamilyRanking(store: Store, families: Family[], date: string) {
  const rows = [];
  for (const f of families) {
    const [t] = await store.query(familyTotals, familyParams(f, {}, date));
    rows.push({
      family: f.name,
      officialRepos: t?.officialRepos ?? 0,
      officialDownloads: t?.officialDownloads ?? 0,
      derivativeRepos: t?.derivativeRepos ?? 0,
      derivativeDownloads: t?.derivativeDownloads ?? 0,
      totalRepos: t?.totalRepos ?? 0,
      totalDownloads: t?.totalDownloads ?? 0,
    });
  }
  return rows.sort((a, b) => b.totalDownloads - a.totalDownloads || a.family.localeCompare(b.family));
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-bench-fam-"));
  const db = path.join(tmp, "fam.duckdb");
  try {
    const store = await DuckDBStore.open(db);
    await importFiles(store, [FILE]);
    const registry = await loadFamilies();
    const llama = findFamily(registry, "llama-2");
    const p = {
      official: officialSqlParams(llama).officialPattern,
      names: null,
      relations: null,
      depth: 50,
      date: null,
    };
    const omoMs: number[] = [];
    const refMs: number[] = [];
    let omo: unknown;
    let ref: unknown;
    await store.close();
    // both measured on connections to the same file, interleaved, after one warm-up run each
    const store2 = await DuckDBStore.open(db);
    const inst = await DuckDBInstance.create(db);
    const conn = await inst.connect();
    await store2.query(familyTotals, p);
    await conn.runAndReadAll(HAND_WRITTEN, { official: p.official });
    for (let i = 0; i < REPEAT; i++) {
      let t = performance.now();
      omo = (await store2.query(familyTotals, p))[0];
      omoMs.push(performance.now() - t);
      t = performance.now();
      ref = (await conn.runAndReadAll(HAND_WRITTEN, { official: p.official })).getRowObjectsJS()[0];
      refMs.push(performance.now() - t);
    }
    conn.closeSync();
    inst.closeSync();
    const o = omo as { totalRepos: number; totalDownloads: number };
    const r = ref as { total: bigint; total_dl: bigint };
    if (o.totalRepos !== Number(r.total) || o.totalDownloads !== Number(r.total_dl)) {
      throw new Error(
        `family roll-up: omo ${o.totalRepos} repos / ${o.totalDownloads} downloads, the reference ${r.total} / ${r.total_dl}`,
      );
    }
    process.stdout.write(
      `family roll-up (llama-2, 760k models): omo ${median(omoMs).toFixed(1)} ms, hand-written ${median(refMs).toFixed(1)} ms\n`,
    );

    const ranking = await measureRanking(store2, registry);
    await store2.close();

    // 90 daily snapshots: the real one + 89 synthesised days
    const before = statSync(db).size;
    const synth = await DuckDBInstance.create(db);
    const sc = await synth.connect();
    const n0 = Number((await sc.runAndReadAll("SELECT count(*) AS n FROM model_stats")).getRowObjectsJS()[0]?.n);
    for (let i = 1; i < DAYS; i++) {
      await sc.run("BEGIN");
      await sc.run(SYNTH_DAY, { i });
      await sc.run(SYNTH_SNAPSHOT, { i });
      await sc.run("COMMIT");
    }
    await sc.run("CHECKPOINT");
    const n1 = Number((await sc.runAndReadAll("SELECT count(*) AS n FROM model_stats")).getRowObjectsJS()[0]?.n);
    sc.closeSync();
    synth.closeSync();
    const after = statSync(db).size;
    const bytesPerRow = (after - before) / (n1 - n0);
    const store3 = await DuckDBStore.open(db);
    const sp = { official: p.official, relations: null, depth: 50, scope: "total" as const, from: null, to: null };
    const seriesMs: number[] = [];
    let points = 0;
    await store3.query(familySeries, { ...sp, bucket: "day" });
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      points = (await store3.query(familySeries, { ...sp, bucket: "day" })).length;
      seriesMs.push(performance.now() - t);
    }
    await store3.close();
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      input: { file: path.relative(ROOT, FILE), models: 760_000 },
      rollup: {
        family: "llama-2",
        repeat: REPEAT,
        omoMedianMs: Number(median(omoMs).toFixed(1)),
        handWrittenMedianMs: Number(median(refMs).toFixed(1)),
        ratio: Number((median(omoMs) / median(refMs)).toFixed(2)),
        goals: { warmMs: 150, ratio: 1.2 },
        omo,
        handWritten: ref,
      },
      ranking,
      series: {
        days: DAYS,
        statsRows: n1,
        points,
        medianMs: Number(median(seriesMs).toFixed(1)),
        bytesPerStoredRow: Number(bytesPerRow.toFixed(2)),
        dbBytes: after,
        goals: { ms: 1000, bytesPerRow: 20 },
      },
    };
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(
      path.join(ROOT, "bench/results/families.json"),
      `${JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? Number(v) : v), 2)}\n`,
    );
    process.stdout.write(
      `family roll-up ratio ${result.rollup.ratio}× (goal ≤ 150 ms warm, ≤ 1.2×)\n` +
        `family series over ${DAYS} daily snapshots (${n1.toLocaleString("en-US")} stats rows): ${result.series.medianMs} ms (goal ≤ 1,000 ms); ` +
        `${result.series.bytesPerStoredRow} bytes per stored row (goal ≤ 20)\nwritten: bench/results/families.json\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes("--ranking")) await rankingOnly();
else await main();
