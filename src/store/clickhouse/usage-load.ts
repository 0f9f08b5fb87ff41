/**
 * Usage imports on ClickHouse (migration 5): rows, catalogue entries and snapshot headers go in under a fresh load
 * id, then one `usage_commit` row makes all of them visible at once (the views show committed loads only, newest
 * version first). A failure or a kill before that last insert leaves what was visible unchanged.
 */
import { randomBytes } from "node:crypto";
import type { UsageImport } from "../../domain/usage.js";
import type { UsageImportResult } from "../store.js";
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
  const rows = batch.snapshots.flatMap((s) =>
    s.rows.map((r) => ({
      snapshot_id: s.id,
      load_id: loadId,
      model: r.model,
      variant: r.variant,
      tokens: r.tokens,
      prompt_tokens: r.prompt,
      completion_tokens: r.completion,
      reasoning_tokens: r.reasoning,
      requests: r.requests,
      last_date: r.lastDate,
    })),
  );
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
    batch.snapshots.map((s) => ({
      snapshot_id: s.id,
      load_id: loadId,
      version,
      source: s.source,
      endpoint: s.endpoint,
      period: s.period,
      date: s.date,
      window_start: s.windowStart,
      window_end: s.windowEnd,
      fetched_at: s.fetchedAt ? chDateTime(s.fetchedAt) : null,
      status: s.status,
      coverage_kind: s.coverage.kind,
      coverage_how: s.coverage.how,
      models: s.coverage.models,
      top_n: s.coverage.top,
      total_known: s.coverage.totalKnown ? 1 : 0,
      total_tokens: s.totalTokens,
      remainder_tokens: s.remainderTokens,
      named_tokens: s.namedTokens,
      preference: s.preference,
      file: s.file,
      loaded_at: now,
    })),
  );
  if (process.env.OMO_CH_KILL_AT === "usage-commit") process.kill(process.pid, "SIGKILL");
  // the commit: one row, one INSERT
  await conn.insert("usage_commit", [{ load_id: loadId, committed_at: now }]);
  return { snapshots: batch.snapshots.length, rows: rows.length, replaced, catalogueEntries: entries };
}
