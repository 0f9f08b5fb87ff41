SELECT snapshot_id AS id, source, endpoint, p AS period, toString(d) AS date,
  toString(window_start) AS windowStart, toString(window_end) AS windowEnd,
  if(isNull(fetched_at), NULL, formatDateTime(assumeNotNull(fetched_at), '%Y-%m-%dT%H:%M:%SZ')) AS fetchedAt, status,
  coverage_kind AS coverageKind, coverage_how AS coverageHow, models, top_n AS top, total_known AS totalKnown,
  total_tokens AS totalTokens, remainder_tokens AS remainderTokens, named_tokens AS namedTokens, preference, file,
  preference = best AS chosen
FROM (
  SELECT snapshot_id, source, endpoint, period AS p, date AS d, window_start, window_end, fetched_at, status,
    coverage_kind, coverage_how, models, top_n, total_known, total_tokens, remainder_tokens, named_tokens, preference, file
  FROM usage_snapshot WHERE (isNull($period) OR period = $period) AND (isNull($source) OR source = $source)
    AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))
) ALL INNER JOIN (
  SELECT period AS p, date AS d, max(preference) AS best FROM usage_snapshot WHERE (isNull($period) OR period = $period) AND (isNull($source) OR source = $source)
    AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)) GROUP BY period, date
) USING (p, d)
ORDER BY indexOf(['day', '7d', 'week', '30d'], p), d, preference DESC, snapshot_id
