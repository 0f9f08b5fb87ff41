/**
 * The ClickHouse store's lookups over the small tables sent as constants (src/store/clickhouse/constant-lookups.ts)
 * against the same texts sent as written, on the shipped sample (data/sample: the 2024-07-11 cut, 59,134 models, and
 * the 16 daily lists of August 2026: 17 snapshots), one node and two shards on loopback: every case of the stores
 * bench (bench/cases.ts), the two ways interleaved, `OMO_BENCH_REPEAT` (default 9) warm runs each, medians in ms, and
 * whether both give the same rows. Writes bench/results/lookups.json. What it shows: a query's cost on a small store,
 * where analysing the texts (not reading rows) is most of it; the stores bench gives the cost at 90 and 365 days.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { licenceRows, loadLicences } from "../src/domain/licences.js";
import { importFiles } from "../src/ingest/import-files.js";
import { ClickHouseStore } from "../src/store/clickhouse/clickhouse-store.js";
import { type LocalClickHouse, startLocalClickHouse } from "../test/support/local-clickhouse.js";
import { asWritten, benchCases, caseQuery, median, timedMs } from "./cases.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const REPEAT = Number(process.env.OMO_BENCH_REPEAT ?? 9);
const JULY = path.join(ROOT, "data/sample/models-2024-07-11.jsonl.gz");
const DAILY = path.join(ROOT, "data/sample/daily-2026-08");
const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const files = [
    JULY,
    ...readdirSync(DAILY)
      .sort()
      .map((f) => path.join(DAILY, f)),
  ];
  const dates = [
    "2024-07-11",
    ...readdirSync(DAILY)
      .sort()
      .map((f) => f.slice(0, 10)),
  ];
  const cases = await benchCases({ base: dates[0] as string, last: dates.at(-1) as string, window: 7 });
  const licences = licenceRows(await loadLicences());
  const rows: Array<Record<string, unknown>> = [];
  for (const mode of ["single", "two-shard"] as const) {
    let server: LocalClickHouse | null = null;
    try {
      server = await startLocalClickHouse(mode);
      const store = await ClickHouseStore.open(server.storeUrl("omo_lookups"));
      await store.refreshLicences(licences);
      for (const f of files) await importFiles(store, [f]);
      for (const [name, params] of cases) {
        const q = caseQuery(name);
        const written = JSON.stringify(await asWritten(store, () => store.query(q, params)));
        const constants = JSON.stringify(await store.query(q, params));
        const a: number[] = [];
        const b: number[] = [];
        for (let r = 0; r < REPEAT; r++) {
          a.push(await asWritten(store, () => timedMs(() => store.query(q, params))));
          b.push(await timedMs(() => store.query(q, params)));
        }
        const row = {
          store: mode,
          query: name,
          writtenMs: round(median(a)),
          constantsMs: round(median(b)),
          ratio: Math.round((median(b) / median(a)) * 100) / 100,
          sameRows: written === constants,
        };
        rows.push(row);
        process.stdout.write(`${JSON.stringify(row)}\n`);
      }
      await store.close();
    } finally {
      server?.stop();
    }
  }
  const sum = (mode: string, k: "writtenMs" | "constantsMs") =>
    round(rows.filter((r) => r.store === mode).reduce((s, r) => s + (r[k] as number), 0));
  const out = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    input: { files: files.map((f) => path.relative(ROOT, f)), snapshots: files.length },
    repeat: REPEAT,
    totals: Object.fromEntries(
      ["single", "two-shard"].map((m) => [m, { writtenMs: sum(m, "writtenMs"), constantsMs: sum(m, "constantsMs") }]),
    ),
    queriesMedianMs: rows,
  };
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/lookups.json"), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(out.totals)}\nwrote bench/results/lookups.json\n`);
}

await main();
