SELECT toString(dd) AS date, toString(bd) AS baseDate, dd - bd AS days,
  (SELECT toString(min(date)) FROM snapshot WHERE status = 'complete') AS earliest
FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) - $window) AS bd
  FROM (SELECT (SELECT nullIf(max(date), toDate(0)) FROM snapshot WHERE isNull($date) OR date = toDate($date)) AS dd)) WHERE isNotNull(dd)
