WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
r AS (
  SELECT d.date, m.id, m.key, s.downloads, s.likes, m.pipeline_tag, m.library_name, m.license,
    m.created_at
  FROM d JOIN model_stats s ON s.date = d.date JOIN model m ON m.mid = s.mid
  WHERE lower(m.author) = lower($author)
    AND ($match::VARCHAR IS NULL OR regexp_matches(substr(m.id, length(m.author) + 2), $match, 'i'))
)
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, count(r.id) AS repos,
  coalesce(sum(r.downloads), 0) AS downloads, coalesce(sum(r.likes), 0) AS likes
FROM r
