SELECT toString(d) AS date, models
FROM (SELECT date AS d, model_count AS models FROM snapshot
  WHERE status = 'complete' AND (isNull($date) OR date = toDate($date)))
ORDER BY d DESC LIMIT 1
