WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date)
SELECT m.id, m.author, s.downloads, s.likes, m.pipeline_tag AS task
FROM model m CROSS JOIN d LEFT JOIN model_stats s ON s.mid = m.mid AND s.date = d.date
WHERE contains(m.key, lower($q))
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit
