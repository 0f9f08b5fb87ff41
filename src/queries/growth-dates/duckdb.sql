WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
b AS (SELECT max(s.date) AS date FROM snapshot s, d WHERE s.status = 'complete' AND s.date <= d.date - $window::INTEGER)
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, d.date - b.date AS days,
  (SELECT strftime(min(date), '%Y-%m-%d') FROM snapshot WHERE status = 'complete') AS earliest
FROM d, b WHERE d.date IS NOT NULL
