SELECT model, strftime(min(date), '%Y-%m-%d') AS first FROM leaderboard_entry WHERE board = $board
GROUP BY model ORDER BY model
