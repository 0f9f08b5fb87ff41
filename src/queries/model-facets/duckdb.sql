WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
v AS (
  SELECT CASE WHEN $dimension = 'task' THEN m.pipeline_tag ELSE m.library_name END AS value, s.downloads
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
)
SELECT value, count(*) AS repos, coalesce(sum(downloads), 0) AS downloads
FROM v WHERE value IS NOT NULL AND value <> ''
GROUP BY value
ORDER BY downloads DESC, value
LIMIT $limit
