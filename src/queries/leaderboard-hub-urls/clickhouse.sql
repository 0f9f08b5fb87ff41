SELECT board, model, url, toString(f) AS first
FROM (SELECT board, model, assumeNotNull(url) AS url, min(date) AS f FROM leaderboard_entry
  WHERE url LIKE '%huggingface.co/%' GROUP BY board, model, url)
ORDER BY f, board, model, url
