SELECT id, author, before, after, after - before AS change,
  if(before > 0, (after - before) / before, NULL) AS relative
FROM (
  SELECT key, before, after FROM (
    SELECT key, downloads AS after FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($date), toDate(0)) AND isNotNull(downloads)
  ) ALL INNER JOIN (
    SELECT key, downloads AS before FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull(toDate($base), toDate(0)) AND isNotNull(downloads)
  ) USING key
) ALL INNER JOIN (SELECT key, id, author FROM model) USING key
ORDER BY change DESC, id
LIMIT $limit
