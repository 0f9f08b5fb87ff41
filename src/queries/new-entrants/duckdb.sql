WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
b AS (SELECT max(s.date) AS date FROM snapshot s, d WHERE s.status = 'complete' AND s.date <= d.date - $window::INTEGER)
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, m.id, m.author,
  n.downloads, strftime(m.first_seen, '%Y-%m-%d') AS firstSeen
FROM d CROSS JOIN b JOIN model_stats n ON n.date = d.date JOIN model m ON m.mid = n.mid
WHERE b.date IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM model_stats o WHERE o.date = b.date AND o.mid = n.mid)
  AND ($author::VARCHAR IS NULL OR lower(m.author) = lower($author))
ORDER BY n.downloads DESC NULLS LAST, m.id
LIMIT $limit
