/** One usage snapshot and its rows as table records (the columns of migrations 007 / 5), for both stores' loads. */
import type { UsageSnapshotInput } from "../domain/usage.js";

/** The `usage_snapshot` columns of a snapshot (times as ISO text; each store converts what it must). */
export function usageSnapshotRecord(s: UsageSnapshotInput) {
  return {
    snapshot_id: s.id,
    source: s.source,
    endpoint: s.endpoint,
    period: s.period,
    date: s.date,
    window_start: s.windowStart,
    window_end: s.windowEnd,
    fetched_at: s.fetchedAt,
    status: s.status,
    coverage_kind: s.coverage.kind,
    coverage_how: s.coverage.how,
    models: s.coverage.models,
    top_n: s.coverage.top,
    total_known: s.coverage.totalKnown,
    total_tokens: s.totalTokens,
    remainder_tokens: s.remainderTokens,
    named_tokens: s.namedTokens,
    preference: s.preference,
    file: s.file,
  };
}

/** The `usage_row` columns of a snapshot's rows. */
export function usageRowRecords(s: UsageSnapshotInput) {
  return s.rows.map((r) => ({
    snapshot_id: s.id,
    model: r.model,
    variant: r.variant,
    tokens: r.tokens,
    prompt_tokens: r.prompt,
    completion_tokens: r.completion,
    reasoning_tokens: r.reasoning,
    requests: r.requests,
    last_date: r.lastDate,
  }));
}
