SELECT strftime(date, '%Y-%m-%d') AS date, (date - $target::DATE) AS days, model_count AS models, downloads
FROM snapshot
WHERE status = 'complete' AND abs(date - $target::DATE) <= $tolerance
ORDER BY abs(date - $target::DATE), date
LIMIT 1
