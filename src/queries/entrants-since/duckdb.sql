WITH e AS (
  SELECT m.id, m.author, n.downloads FROM model_stats n JOIN model m ON m.mid = n.mid
  WHERE n.date = $date::DATE
    AND NOT EXISTS (SELECT 1 FROM model_stats o WHERE o.date = $base::DATE AND o.mid = n.mid)
)
SELECT id, author, downloads, count(*) OVER () AS entrants, sum(downloads) OVER () AS newDownloads
FROM e ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
