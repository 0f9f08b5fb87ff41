SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
  ifNull(sum(likes), 0) AS likes
FROM (SELECT key, downloads, downloads_all_time, likes, trending_score, 1 AS listed
  FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0))) ALL INNER JOIN (SELECT key, id, pipeline_tag, library_name, license, created_at FROM model
  WHERE lowerUTF8(author) = lowerUTF8($author)
    AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))) USING key
