/**
 * The baseline of DuckDB's import goal (issue 15: the import ≤ 1.3× it): a raw `read_json` of the listing into a table
 * of a fresh database file, `CREATE TABLE AS` + `CHECKPOINT` (same durability as omo); `:memory:` reads into an
 * in-memory table, without the checkpoint. Shared by bench/ingest.bench.ts and bench/import-profile.ts, so both
 * ratios are against the same read.
 */
import { DuckDBInstance } from "@duckdb/node-api";

/** Times the read of `file` into `db`; then counts what it read (not timed). */
export async function rawReadJson(file: string, db: string): Promise<{ ms: number; rows: number; downloads: number }> {
  const inst = await DuckDBInstance.create(db);
  const c = await inst.connect();
  try {
    const t = performance.now();
    await c.run("CREATE TABLE raw AS SELECT * FROM read_json($p, format = 'newline_delimited')", { p: file });
    if (db !== ":memory:") await c.run("CHECKPOINT");
    const ms = performance.now() - t;
    const n = (await c.runAndReadAll("SELECT count(*) AS n, sum(downloads) AS d FROM raw")).getRowObjectsJS()[0];
    return { ms, rows: Number(n?.n), downloads: Number(n?.d) };
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}
