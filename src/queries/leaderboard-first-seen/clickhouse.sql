SELECT model, toString(f) AS first
FROM (SELECT model, min(date) AS f FROM leaderboard_entry WHERE board = $board GROUP BY model) ORDER BY model
