SELECT model, arg_max(organization, date) AS organization FROM leaderboard_entry
WHERE board = $board AND organization IS NOT NULL
GROUP BY model ORDER BY model
