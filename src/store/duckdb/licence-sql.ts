/** Statements over `licence_class`, the stored copy of the licence map (data/licences.yaml). */
import { type DuckDBConnection, LIST, listValue, VARCHAR } from "@duckdb/node-api";
import type { LicenceClassRow } from "../store.js";

/** Empties the table before a rewrite. */
export const DELETE_LICENCES = "DELETE FROM licence_class";

/** Inserts the licences, four lists of the same length unnested side by side (tags lower-cased by the caller). */
export const INSERT_LICENCES = `INSERT INTO licence_class
SELECT unnest($tags), unnest($classes), unnest($spdx), unnest($commercial)`;

/** The stored map, sorted by tag (to compare with the file's). */
export const SELECT_LICENCES = "SELECT tag, class, spdx, commercial FROM licence_class ORDER BY tag";

/** Replaces the table's rows; the caller owns the transaction. */
export async function writeLicences(conn: DuckDBConnection, rows: readonly LicenceClassRow[]): Promise<void> {
  await conn.run(DELETE_LICENCES);
  if (rows.length === 0) return;
  // one statement for the whole map (one per licence cost 0.1 s of every load)
  await conn.run(
    INSERT_LICENCES,
    {
      tags: listValue(rows.map((r) => r.tag.toLowerCase())),
      classes: listValue(rows.map((r) => r.class)),
      spdx: listValue(rows.map((r) => r.spdx)),
      commercial: listValue(rows.map((r) => r.commercial)),
    },
    { tags: LIST(VARCHAR), classes: LIST(VARCHAR), spdx: LIST(VARCHAR), commercial: LIST(VARCHAR) },
  );
}

/** Whether the stored rows equal `rows` (same tags, classes, SPDX ids and commercial flags). */
export async function licencesCurrent(conn: DuckDBConnection, rows: readonly LicenceClassRow[]): Promise<boolean> {
  const stored = (await conn.runAndReadAll(SELECT_LICENCES)).getRowObjectsJS();
  const key = (r: { tag: unknown; class: unknown; spdx: unknown; commercial: unknown }) =>
    `${String(r.tag).toLowerCase()}\u0000${String(r.class)}\u0000${r.spdx ?? ""}\u0000${String(r.commercial)}`;
  const want = rows.map(key).sort();
  const have = stored.map((r) => key(r as { tag: unknown; class: unknown; spdx: unknown; commercial: unknown })).sort();
  return want.length === have.length && want.every((k, i) => k === have[i]);
}
