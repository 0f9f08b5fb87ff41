WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
b AS (SELECT max(s.date) AS date FROM snapshot s, d WHERE s.status = 'complete' AND s.date <= d.date - $window::INTEGER)
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, m.id, m.author,
  o.downloads AS before, n.downloads AS after, n.downloads - o.downloads AS change,
  CASE WHEN o.downloads > 0 THEN (n.downloads - o.downloads) / o.downloads END AS relative
FROM d CROSS JOIN b JOIN model_stats n ON n.date = d.date JOIN model_stats o ON o.date = b.date AND o.mid = n.mid
  JOIN model m ON m.mid = n.mid
WHERE n.downloads IS NOT NULL AND o.downloads IS NOT NULL
  AND ($author::VARCHAR IS NULL OR lower(m.author) = lower($author))
ORDER BY change DESC, m.id
LIMIT $limit
