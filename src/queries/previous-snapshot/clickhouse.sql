SELECT toString(sd) AS date, models, downloads
FROM (SELECT date AS sd, model_count AS models, downloads FROM snapshot WHERE status = 'complete' AND date < toDate($date))
ORDER BY sd DESC LIMIT 1
