/** SQL of usage imports (migration 007): snapshots and catalogues replaced in one transaction. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { UsageImport } from "../../domain/usage.js";
import type { UsageImportResult } from "../store.js";
import { usageRowRecords, usageSnapshotRecord } from "../usage-record.js";

/** Snapshots of the batch that are already stored (they will be replaced). */
const EXISTING = `SELECT count(*) AS n FROM usage_snapshot
WHERE list_contains(from_json($ids::JSON, '["VARCHAR"]'), snapshot_id)`;

const DELETE_ROWS = `DELETE FROM usage_row WHERE list_contains(from_json($ids::JSON, '["VARCHAR"]'), snapshot_id)`;
const DELETE_SNAPSHOTS = `DELETE FROM usage_snapshot WHERE list_contains(from_json($ids::JSON, '["VARCHAR"]'), snapshot_id)`;

const INSERT_SNAPSHOTS = `INSERT INTO usage_snapshot
SELECT s.snapshot_id, s.source, s.endpoint, s.period, s.date::DATE, s.window_start::DATE, s.window_end::DATE,
  s.fetched_at::TIMESTAMP, s.status, s.coverage_kind, s.coverage_how, s.models, s.top_n, s.total_known,
  s.total_tokens, s.remainder_tokens, s.named_tokens, s.preference, s.file, now()::TIMESTAMP
FROM (SELECT unnest(from_json($rows::JSON, '[{"snapshot_id":"VARCHAR","source":"VARCHAR","endpoint":"VARCHAR",
  "period":"VARCHAR","date":"VARCHAR","window_start":"VARCHAR","window_end":"VARCHAR","fetched_at":"VARCHAR",
  "status":"VARCHAR","coverage_kind":"VARCHAR","coverage_how":"VARCHAR","models":"INTEGER","top_n":"INTEGER",
  "total_known":"BOOLEAN","total_tokens":"BIGINT","remainder_tokens":"BIGINT","named_tokens":"BIGINT",
  "preference":"BIGINT","file":"VARCHAR"}]')) AS s)`;

const INSERT_ROWS = `INSERT INTO usage_row
SELECT r.snapshot_id, r.model, r.variant, r.tokens, r.prompt_tokens, r.completion_tokens, r.reasoning_tokens,
  r.requests, r.last_date::DATE
FROM (SELECT unnest(from_json($rows::JSON, '[{"snapshot_id":"VARCHAR","model":"VARCHAR","variant":"VARCHAR",
  "tokens":"BIGINT","prompt_tokens":"BIGINT","completion_tokens":"BIGINT","reasoning_tokens":"BIGINT",
  "requests":"BIGINT","last_date":"VARCHAR"}]')) AS r)`;

const DELETE_CATALOGUE = "DELETE FROM usage_catalogue WHERE source = $source AND as_of = $as_of::DATE";

const INSERT_CATALOGUE = `INSERT INTO usage_catalogue
SELECT $source, $as_of::DATE, e.id, e.slug, e.hf, e.name, $file
FROM (SELECT unnest(from_json($rows::JSON, '[{"id":"VARCHAR","slug":"VARCHAR","hf":"VARCHAR","name":"VARCHAR"}]')) AS e)`;

/** Rows per INSERT statement (each bound as one JSON text). */
const CHUNK = 5000;

/** Stores a usage batch atomically: every snapshot and catalogue of the batch replaces its stored namesake. */
export async function importUsageRows(conn: DuckDBConnection, batch: UsageImport): Promise<UsageImportResult> {
  const ids = JSON.stringify(batch.snapshots.map((s) => s.id));
  const snapshots = batch.snapshots.map(usageSnapshotRecord);
  const rows = batch.snapshots.flatMap(usageRowRecords);
  await conn.run("BEGIN TRANSACTION");
  try {
    const before = await conn.runAndReadAll(EXISTING, { ids });
    const replaced = Number(before.getRowObjectsJS()[0]?.n ?? 0);
    await conn.run(DELETE_ROWS, { ids });
    await conn.run(DELETE_SNAPSHOTS, { ids });
    for (let i = 0; i < snapshots.length; i += CHUNK) {
      await conn.run(INSERT_SNAPSHOTS, { rows: JSON.stringify(snapshots.slice(i, i + CHUNK)) });
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await conn.run(INSERT_ROWS, { rows: JSON.stringify(rows.slice(i, i + CHUNK)) });
    }
    let entries = 0;
    for (const c of batch.catalogues) {
      const key = { source: c.source, as_of: c.asOf };
      await conn.run(DELETE_CATALOGUE, key);
      const list = c.entries.map((e) => ({ id: e.id, slug: e.canonicalSlug, hf: e.huggingFaceId, name: e.name }));
      for (let i = 0; i < list.length; i += CHUNK) {
        await conn.run(INSERT_CATALOGUE, { ...key, file: c.file, rows: JSON.stringify(list.slice(i, i + CHUNK)) });
      }
      entries += list.length;
    }
    await conn.run("COMMIT");
    return { snapshots: snapshots.length, rows: rows.length, replaced, catalogueEntries: entries };
  } catch (err) {
    await conn.run("ROLLBACK");
    throw err;
  }
}
