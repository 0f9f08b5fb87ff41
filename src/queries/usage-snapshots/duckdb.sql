WITH s AS (SELECT * FROM usage_snapshot
  WHERE ($period::VARCHAR IS NULL OR period = $period) AND ($source::VARCHAR IS NULL OR source = $source)
    AND ($from::DATE IS NULL OR date >= $from::DATE) AND ($to::DATE IS NULL OR date <= $to::DATE)),
best AS (SELECT period, date, max(preference) AS p FROM s GROUP BY period, date)
SELECT s.snapshot_id AS id, s.source, s.endpoint, s.period, strftime(s.date, '%Y-%m-%d') AS date,
  strftime(s.window_start, '%Y-%m-%d') AS windowStart, strftime(s.window_end, '%Y-%m-%d') AS windowEnd,
  strftime(s.fetched_at, '%Y-%m-%dT%H:%M:%SZ') AS fetchedAt, s.status, s.coverage_kind AS coverageKind,
  s.coverage_how AS coverageHow, s.models, s.top_n AS top, s.total_known AS totalKnown, s.total_tokens AS totalTokens,
  s.remainder_tokens AS remainderTokens, s.named_tokens AS namedTokens, s.preference, s.file,
  s.preference = b.p AS chosen
FROM s JOIN best b ON b.period = s.period AND b.date = s.date
ORDER BY list_position(['day', '7d', 'week', '30d'], s.period), s.date, s.preference DESC, s.snapshot_id
