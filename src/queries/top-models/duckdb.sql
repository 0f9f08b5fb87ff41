WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date)
SELECT strftime(d.date, '%Y-%m-%d') AS date, m.id, m.author, s.downloads, s.likes,
  m.pipeline_tag AS task, m.library_name AS library, m.license
FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
WHERE ($task::VARCHAR IS NULL OR lower(m.pipeline_tag) = lower($task))
  AND ($library::VARCHAR IS NULL OR lower(m.library_name) = lower($library))
  AND ($license::VARCHAR IS NULL OR lower(m.license) = lower($license))
  AND ($author::VARCHAR IS NULL OR lower(m.author) = lower($author))
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit
