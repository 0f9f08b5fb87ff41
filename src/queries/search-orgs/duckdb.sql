WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date)
SELECT min(m.author) AS author, count(s.mid) AS repos, coalesce(sum(s.downloads), 0) AS downloads
FROM model m CROSS JOIN d LEFT JOIN model_stats s ON s.mid = m.mid AND s.date = d.date
WHERE contains(lower(m.author), lower($q))
GROUP BY lower(m.author)
ORDER BY downloads DESC, lower(min(m.author))
LIMIT $limit
