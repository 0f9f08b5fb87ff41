SELECT id, author, downloads, (SELECT count() FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0))
    AND key GLOBAL NOT IN (SELECT key FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)))
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key)) AS entrants,
  (SELECT sum(downloads) FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0))
    AND key GLOBAL NOT IN (SELECT key FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)))
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key)) AS newDownloads
FROM (SELECT id, author, downloads FROM (
  SELECT key, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0))
    AND key GLOBAL NOT IN (SELECT key FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)))
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key)
ORDER BY downloads DESC NULLS LAST, id LIMIT $limit
