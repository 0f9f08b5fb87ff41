SELECT model, license, strftime(max(date), '%Y-%m-%d') AS date FROM leaderboard_entry
WHERE board = $board AND date < $date::DATE AND license IS NOT NULL
GROUP BY model, license ORDER BY model, date, license
