SELECT value, count() AS repos, ifNull(sum(downloads), 0) AS downloads
FROM (SELECT key, downloads, downloads_all_time, likes, trending_score, 1 AS listed
  FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
ALL INNER JOIN (SELECT key, if($dimension = 'task', pipeline_tag, library_name) AS value FROM model) USING key
WHERE isNotNull(value) AND value != ''
GROUP BY value
ORDER BY downloads DESC, value
LIMIT $limit
