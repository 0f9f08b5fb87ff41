SELECT model, argMax(org, date) AS organization
FROM (SELECT model, ifNull(organization, '') AS org, date FROM leaderboard_entry WHERE board = $board)
WHERE org != ''
GROUP BY model ORDER BY model
