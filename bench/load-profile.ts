/**
 * Load profile of the ClickHouse store (issue 15, helper tool): every statement a load sends, timed, on one local
 * node. 1. the listing's first load into an empty store; 2. `OMO_PROFILE_DAYS - 1` synthesised days (as the stores
 * bench) and the roll-ups rebuilt; 3. a daily load: the same listing as the next date (`OMO_PROFILE_DAILY`=0 skips).
 * Prints each load's total, the statements of more than 50 ms in order (when each began, how long it took), and the
 * time by step.
 */
import path from "node:path";
import { importFiles } from "../src/ingest/import-files.js";
import { ClickHouseStore } from "../src/store/clickhouse/clickhouse-store.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../src/store/clickhouse/connection.js";
import { startLocalClickHouse } from "../test/support/local-clickhouse.js";
import { BASE, chDay, chSnapshot } from "./synthetic-days.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const FILE = path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const DAYS = Number(process.env.OMO_PROFILE_DAYS ?? 30);
const DAILY = process.env.OMO_PROFILE_DAILY !== "0";

interface Rec {
  /** when it started, ms after the load began */
  at: number;
  ms: number;
  sql: string;
}
let loadStart = performance.now();
let recs: Rec[] = [];
const proto = ClickHouseConnection.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
for (const m of ["command", "rows", "insert", "commandEach", "insertCsvFile"]) {
  const orig = proto[m];
  if (!orig) continue;
  proto[m] = async function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    try {
      return await orig.apply(this, args);
    } finally {
      const sql = m.startsWith("insert") ? `${m} ${String(args[0])}` : String(args[0]);
      recs.push({ at: t - loadStart, ms: performance.now() - t, sql: sql.replace(/\s+/g, " ").slice(0, 150) });
    }
  };
}

/** The active parts of each table of the store that has more than one (each is a merge to come and files to open). */
async function parts(conn: ClickHouseConnection): Promise<void> {
  const rows = await conn.rows<{ table: string; n: number; r: number }>(
    `SELECT table, count() AS n, sum(rows) AS r FROM system.parts WHERE database = currentDatabase() AND active
GROUP BY table HAVING n > 1 ORDER BY n DESC`,
  );
  process.stdout.write(`active parts: ${rows.map((p) => `${p.table} ${p.n} (${p.r} rows)`).join(", ")}\n`);
}

function report(title: string, total: number): void {
  const sum = recs.reduce((a, r) => a + r.ms, 0);
  process.stdout.write(
    `\n== ${title}: ${(total / 1000).toFixed(2)} s (${recs.length} statements, ${(sum / 1000).toFixed(2)} s on the server side)\n`,
  );
  for (const r of recs)
    if (r.ms >= 50)
      process.stdout.write(`${(r.at / 1000).toFixed(2).padStart(6)} s ${r.ms.toFixed(0).padStart(6)} ms  ${r.sql}\n`);
}

async function main(): Promise<void> {
  const server = await startLocalClickHouse("single");
  try {
    const store = await ClickHouseStore.open(server.storeUrl("omo_prof"));
    const conn = new ClickHouseConnection(parseClickHouseUrl(server.storeUrl("omo_prof")));
    recs = [];
    let t = performance.now();
    loadStart = t;
    await importFiles(store, [FILE]);
    report("first load of the listing", performance.now() - t);
    await parts(conn);
    if (!DAILY) return;
    const [{ l: loadId } = { l: "" }] = await conn.rows<{ l: string }>(
      `SELECT load_id AS l FROM snapshot WHERE date = toDate('${BASE}')`,
    );
    for (let i = 1; i < DAYS; i++) {
      for (const table of ["model_stats_all", "model_stats_by_date_all"]) await conn.command(chDay(table, i, loadId));
      await conn.command(chSnapshot(i));
    }
    await store.rebuildRollups(); // and the family aggregates
    const next = new Date(Date.parse(`${BASE}T00:00:00Z`) + DAYS * 86_400_000).toISOString().slice(0, 10);
    recs = [];
    t = performance.now();
    loadStart = t;
    await importFiles(store, [FILE], { date: next });
    report(`daily load (${next}) after ${DAYS} days`, performance.now() - t);
    await parts(conn);
    await store.close();
    await conn.close();
  } finally {
    server.stop();
  }
}

await main();
