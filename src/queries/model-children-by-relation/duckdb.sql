WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
c AS (
  SELECT l.child_key AS key,
    coalesce(min(l.relation) FILTER (WHERE l.relation <> 'unknown'), 'unknown') AS relation
  FROM model_link l WHERE l.parent_key = lower($id) AND l.child_key <> l.parent_key
  GROUP BY l.child_key
)
SELECT c.relation, count(*) AS repos, coalesce(sum(s.downloads), 0) AS downloads
FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid JOIN c ON c.key = m.key
GROUP BY c.relation
ORDER BY list_position(['finetune', 'adapter', 'quantized', 'merge', 'unknown', 'reupload'], relation)
