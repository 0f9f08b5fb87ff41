/** SQL of `model_card_licence` (migration 005): what model cards say about their licences, one row per model. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CardLicenceRow } from "../store.js";
import * as R from "./rollup-sql.js";

/** Inserts or replaces the rows given as one JSON array bound to `$rows` (one statement, however many rows). */
export const UPSERT_CARD_LICENCES = `INSERT OR REPLACE INTO model_card_licence
SELECT lower(r.id), r.id, r.name, r.link, r.card, r.fetched::DATE, r.source
FROM (SELECT unnest(from_json($rows::JSON,
  '[{"id":"VARCHAR","name":"VARCHAR","link":"VARCHAR","card":"VARCHAR","fetched":"VARCHAR","source":"VARCHAR"}]')) AS r)`;

/** Writes the rows in one transaction. */
export async function saveCardLicenceRows(conn: DuckDBConnection, rows: readonly CardLicenceRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      name: r.licenseName,
      link: r.licenseLink,
      card: r.cardLicense,
      fetched: r.fetchedOn,
      source: r.source,
    })),
  );
  const keys = JSON.stringify(rows.map((r) => r.id.toLowerCase()));
  await conn.run("BEGIN TRANSACTION");
  try {
    // the licence roll-up moves the repos whose card changes their licence group, on every date (rollup-sql.ts)
    await conn.run(R.CARD_ROLLUP_BEFORE, { keys });
    await conn.run(UPSERT_CARD_LICENCES, { rows: json });
    await conn.run(R.ROLLUP_CHANGED);
    const [n] = (await conn.runAndReadAll(R.COUNT_CHANGED)).getRowObjectsJS();
    if (Number(n?.lic ?? 0) > 0) for (const sql of R.MOVE_LICENCES) await R.runRollup(conn, sql, null);
    await conn.run("COMMIT");
  } catch (err) {
    await conn.run("ROLLBACK");
    throw err;
  } finally {
    for (const t of R.ROLLUP_TEMP_TABLES) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  }
  return rows.length;
}
