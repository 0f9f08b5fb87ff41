WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
r AS (
  SELECT d.date, m.id, m.key, s.downloads, s.likes, m.pipeline_tag, m.library_name, m.license,
    m.created_at
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
  WHERE lower(m.author) = lower($author)
    AND ($match::VARCHAR IS NULL OR regexp_matches(substr(m.id, length(m.author) + 2), $match, 'i'))
)
SELECT r.id, r.downloads, r.likes, r.pipeline_tag AS task, r.library_name AS library, r.license,
  strftime(r.created_at, '%Y-%m-%d') AS created
FROM r ORDER BY r.downloads DESC NULLS LAST, r.id
