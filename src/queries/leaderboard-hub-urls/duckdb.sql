SELECT board, model, url, strftime(min(date), '%Y-%m-%d') AS first FROM leaderboard_entry
WHERE url LIKE '%huggingface.co/%'
GROUP BY board, model, url ORDER BY first, board, model, url
