/** Applies pending schema migrations to a DuckDB connection, each in its own transaction. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { MIGRATIONS } from "./migrations/index.js";

/** Brings the schema up to the latest version; returns the versions it applied. */
export async function migrate(conn: DuckDBConnection): Promise<number[]> {
  await conn.run(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)",
  );
  const done = await conn.runAndReadAll("SELECT version FROM schema_migrations");
  const applied = new Set(done.getRowObjectsJS().map((r) => Number(r.version)));
  const ran: number[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    await conn.run("BEGIN TRANSACTION");
    try {
      await conn.run(m.sql);
      await conn.run("INSERT INTO schema_migrations VALUES ($v, $n, now()::TIMESTAMP)", { v: m.version, n: m.name });
      await conn.run("COMMIT");
    } catch (err) {
      await conn.run("ROLLBACK");
      throw err;
    }
    ran.push(m.version);
  }
  return ran;
}

/** How many migrations a database still needs (0 when current); reads only, so it works on a read-only open. */
export async function pendingMigrations(conn: DuckDBConnection): Promise<number> {
  const exists = await conn.runAndReadAll(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = 'main'",
  );
  if (Number(exists.getRowObjectsJS()[0]?.n ?? 0) === 0) return MIGRATIONS.length;
  const done = await conn.runAndReadAll("SELECT version FROM schema_migrations");
  const applied = new Set(done.getRowObjectsJS().map((r) => Number(r.version)));
  return MIGRATIONS.filter((m) => !applied.has(m.version)).length;
}
