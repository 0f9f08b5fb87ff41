SELECT m.id, m.author, o.downloads AS before, n.downloads AS after, n.downloads - o.downloads AS change,
  CASE WHEN o.downloads > 0 THEN (n.downloads - o.downloads) / o.downloads END AS relative
FROM model_stats n JOIN model_stats o ON o.mid = n.mid AND o.date = $base::DATE JOIN model m ON m.mid = n.mid
WHERE n.date = $date::DATE AND n.downloads IS NOT NULL AND o.downloads IS NOT NULL
ORDER BY change DESC, m.id
LIMIT $limit
