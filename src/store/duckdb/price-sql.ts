/** SQL of price imports (`price`, migration 002): one table's rows replaced in one transaction. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { PriceImport, PriceImportResult } from "../store.js";

/** Rows of an earlier import of the same source and date. */
export const COUNT_PRICE_BATCH = "SELECT count(*) AS n FROM price WHERE source = $source AND as_of = $as_of::DATE";

/** Removes an earlier import of the same source and date. */
export const DELETE_PRICE_BATCH = "DELETE FROM price WHERE source = $source AND as_of = $as_of::DATE";

/** Inserts the rows given as one JSON array bound to `$rows` (one statement, however many rows). */
export const INSERT_PRICE_BATCH = `INSERT INTO price
SELECT r.model, r.provider, r.input, r.output, $as_of::DATE, $source, r.retired::DATE
FROM (SELECT unnest(from_json($rows::JSON,
  '[{"model":"VARCHAR","provider":"VARCHAR","input":"DOUBLE","output":"DOUBLE","retired":"VARCHAR"}]')) AS r)`;

/** Replaces the rows of `batch.source` at `batch.asOf` by `batch.rows`, atomically. */
export async function importPriceRows(conn: DuckDBConnection, batch: PriceImport): Promise<PriceImportResult> {
  const key = { source: batch.source, as_of: batch.asOf };
  const rows = JSON.stringify(
    batch.rows.map((r) => ({
      model: r.model,
      provider: r.provider,
      input: r.inputPerToken,
      output: r.outputPerToken,
      retired: r.deprecationDate ?? null,
    })),
  );
  await conn.run("BEGIN TRANSACTION");
  try {
    const before = await conn.runAndReadAll(COUNT_PRICE_BATCH, key);
    const replaced = Number(before.getRowObjectsJS()[0]?.n ?? 0);
    await conn.run(DELETE_PRICE_BATCH, key);
    await conn.run(INSERT_PRICE_BATCH, { ...key, rows });
    await conn.run("COMMIT");
    return { inserted: batch.rows.length, replaced };
  } catch (err) {
    await conn.run("ROLLBACK");
    throw err;
  }
}
