SELECT toString(d) AS date, snapshot_id AS snapshotId, model, variant, tokens, prompt_tokens AS prompt,
  completion_tokens AS completion, reasoning_tokens AS reasoning, requests
FROM usage_row ALL INNER JOIN (
  SELECT snapshot_id, d FROM (
    SELECT snapshot_id, period AS p, date AS d, preference FROM usage_snapshot WHERE (isNull($period) OR period = $period) AND (isNull($source) OR source = $source)
    AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))
  ) ALL INNER JOIN (
    SELECT period AS p, date AS d, max(preference) AS preference FROM usage_snapshot WHERE (isNull($period) OR period = $period) AND (isNull($source) OR source = $source)
    AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)) GROUP BY period, date
  ) USING (p, d, preference)
) USING snapshot_id
ORDER BY d, tokens DESC, model, variant
