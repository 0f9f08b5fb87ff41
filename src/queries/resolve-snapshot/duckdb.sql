SELECT strftime(date, '%Y-%m-%d') AS date, model_count AS models FROM snapshot
WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE) ORDER BY date DESC LIMIT 1
