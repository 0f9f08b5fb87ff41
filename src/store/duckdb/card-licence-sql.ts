/** SQL of `model_card_licence` (migration 005): what model cards say about their licences, one row per model. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CardLicenceRow } from "../store.js";

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
  await conn.run("BEGIN TRANSACTION");
  try {
    await conn.run(UPSERT_CARD_LICENCES, { rows: json });
    await conn.run("COMMIT");
  } catch (err) {
    await conn.run("ROLLBACK");
    throw err;
  }
  return rows.length;
}
