SELECT toString((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date))) AS date, toString(bd) AS baseDate, id, author, before, after,
  after - before AS change, if(before > 0, (after - before) / before, NULL) AS relative
FROM (
  SELECT key, bd, before, after FROM (
    SELECT key, downloads AS after FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND date = ifNull((SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)), toDate(0)) AND isNotNull(downloads)
  ) ALL INNER JOIN (
    SELECT key, bd, downloads AS before FROM (
      SELECT key, date, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
        AND date = ifNull((SELECT bd FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd))), toDate(0)) AND isNotNull(downloads)
    ) ALL INNER JOIN (SELECT bd AS date, bd FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd))) USING date
  ) USING key
) ALL INNER JOIN (SELECT key, id, author FROM model WHERE isNull($author) OR lowerUTF8(author) = lowerUTF8($author)) USING key
ORDER BY change DESC, id
LIMIT $limit
