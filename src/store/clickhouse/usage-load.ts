/**
 * Usage imports on ClickHouse (migration 5): rows, catalogue entries and snapshot headers go in under a fresh load
 * id, then one `usage_commit` row makes all of them visible at once (the views show committed loads only, newest
 * version first). A failure or a kill before that last insert leaves what was visible unchanged.
 */
import { randomBytes } from "node:crypto";
import type { UsageImport } from "../../domain/usage.js";
import { killPoint } from "../kill-point.js";
import type { UsageImportResult } from "../store.js";
import { usageRowRecords, usageSnapshotRecord } from "../usage-record.js";
import type { ClickHouseConnection } from "./connection.js";
import { bind } from "./literal.js";
import { chDateTime, nextVersion } from "./load-session.js";

/** Rows per INSERT. */
const CHUNK = 20_000;

async function insertChunks(conn: ClickHouseConnection, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await conn.insert(table, rows.slice(i, i + CHUNK));
}

/** Stores a usage batch; visible only once the commit row is in. */
export async function importUsageClickHouse(
  conn: ClickHouseConnection,
  batch: UsageImport,
): Promise<UsageImportResult> {
  const loadId = `u${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
  const version = nextVersion();
  const now = chDateTime(new Date().toISOString());
  const ids = batch.snapshots.map((s) => s.id);
  let replaced = 0;
  if (ids.length > 0) {
    const [r] = await conn.rows<{ n: number }>(
      bind("SELECT count() AS n FROM usage_snapshot WHERE has(splitByChar('\\n', $ids), snapshot_id)", {
        ids: ids.join("\n"),
      }),
    );
    replaced = Number(r?.n ?? 0);
  }
  const rows = batch.snapshots.flatMap((s) => usageRowRecords(s).map((r) => ({ ...r, load_id: loadId })));
  await insertChunks(conn, "usage_row_rows", rows);
  let entries = 0;
  for (const c of batch.catalogues) {
    await insertChunks(
      conn,
      "usage_catalogue_rows",
      c.entries.map((e) => ({
        source: c.source,
        as_of: c.asOf,
        load_id: loadId,
        version,
        id: e.id,
        canonical_slug: e.canonicalSlug,
        hugging_face_id: e.huggingFaceId,
        name: e.name,
        file: c.file,
      })),
    );
    entries += c.entries.length;
  }
  await insertChunks(
    conn,
    "usage_snapshot_rows",
    batch.snapshots.map((s) => {
      const r = usageSnapshotRecord(s);
      return {
        ...r,
        load_id: loadId,
        version,
        fetched_at: r.fetched_at ? chDateTime(r.fetched_at) : null,
        total_known: r.total_known ? 1 : 0,
        loaded_at: now,
      };
    }),
  );
  killPoint("clickhouse:usage-commit");
  // the commit: one row, one INSERT
  await conn.insert("usage_commit", [{ load_id: loadId, committed_at: now }]);
  return { snapshots: batch.snapshots.length, rows: rows.length, replaced, catalogueEntries: entries };
}
