SELECT board, strftime(date, '%Y-%m-%d') AS date, source, format, entries, scored,
  coverage_kind AS "coverageKind", coverage_how AS "coverageHow"
FROM leaderboard_snapshot WHERE $board::VARCHAR IS NULL OR board = $board
ORDER BY board, date
