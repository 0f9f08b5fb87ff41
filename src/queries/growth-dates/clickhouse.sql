SELECT toString(dd) AS date, toString(bd) AS baseDate, dd - bd AS days,
  (SELECT toString(min(date)) FROM snapshot WHERE status = 'complete') AS earliest
FROM (SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= /* piece: clickhouse-snapshot-date */ - $window) AS bd
  FROM (SELECT /* piece: clickhouse-snapshot-date */ AS dd)) WHERE isNotNull(dd)
