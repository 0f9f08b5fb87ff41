SELECT toString(dd) AS date, toString(bd) AS baseDate, id, author, downloads, toString(first_seen) AS firstSeen
FROM (
  SELECT key, downloads, dd, bd FROM (
    SELECT key, date, downloads FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
      AND date = ifNull((SELECT dd FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd)) WHERE isNotNull(bd)), toDate(0))
      AND key GLOBAL NOT IN (SELECT key FROM model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)
        AND date = ifNull((SELECT bd FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd))), toDate(0)))
  ) ALL INNER JOIN (SELECT dd AS date, dd, bd FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd)) WHERE isNotNull(bd)) USING date
) ALL INNER JOIN (SELECT key, id, author, first_seen FROM model
  WHERE isNull($author) OR lowerUTF8(author) = lowerUTF8($author)) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit
