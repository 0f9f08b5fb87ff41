SELECT min(a) AS author, count(listed) AS repos, ifNull(sum(downloads), 0) AS downloads
FROM (SELECT key, author AS a FROM model WHERE position(lowerUTF8(author), lowerUTF8($q)) > 0)
ALL LEFT JOIN (SELECT key, downloads, downloads_all_time, likes, trending_score, 1 AS listed
  FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))) USING key
GROUP BY lowerUTF8(a)
ORDER BY downloads DESC, lowerUTF8(min(a))
LIMIT $limit
