SELECT toString(sd) AS date, days, models, downloads
FROM (SELECT date AS sd, sd - toDate($target) AS days, model_count AS models, downloads FROM snapshot
  WHERE status = 'complete' AND abs(sd - toDate($target)) <= $tolerance)
ORDER BY abs(days), sd
LIMIT 1
