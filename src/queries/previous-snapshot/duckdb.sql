SELECT strftime(date, '%Y-%m-%d') AS date, model_count AS models, downloads FROM snapshot
WHERE status = 'complete' AND date < $date::DATE ORDER BY date DESC LIMIT 1
