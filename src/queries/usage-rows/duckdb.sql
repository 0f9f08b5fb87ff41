WITH s AS (SELECT * FROM usage_snapshot
  WHERE ($period::VARCHAR IS NULL OR period = $period) AND ($source::VARCHAR IS NULL OR source = $source)
    AND ($from::DATE IS NULL OR date >= $from::DATE) AND ($to::DATE IS NULL OR date <= $to::DATE)),
best AS (SELECT period, date, max(preference) AS p FROM s GROUP BY period, date),
chosen AS (SELECT s.snapshot_id, s.date FROM s JOIN best b ON b.period = s.period AND b.date = s.date AND s.preference = b.p)
SELECT strftime(c.date, '%Y-%m-%d') AS date, r.snapshot_id AS snapshotId, r.model, r.variant, r.tokens,
  r.prompt_tokens AS prompt, r.completion_tokens AS completion, r.reasoning_tokens AS reasoning, r.requests
FROM usage_row r JOIN chosen c ON c.snapshot_id = r.snapshot_id
ORDER BY c.date, r.tokens DESC, r.model, r.variant
