SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, count() AS repos, ifNull(sum(downloads), 0) AS downloads,
  ifNull(sum(likes), 0) AS likes
FROM (SELECT downloads, likes FROM model_stats_by_date_all WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND load_id = (SELECT any(load_id) FROM snapshot WHERE date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)))
  AND key GLOBAL IN (SELECT key FROM model WHERE lowerUTF8(author) = lowerUTF8($author)
    AND (isNull($match) OR match(substring(id, length(author) + 2), concat('(?i:', $match, ')')))))
