SELECT board, toString(d) AS date, source, format, entries, scored, coverage_kind AS coverageKind,
  coverage_how AS coverageHow
FROM (SELECT board, date AS d, source, format, entries, scored, coverage_kind, coverage_how FROM leaderboard_snapshot
  WHERE isNull($board) OR board = $board)
ORDER BY board, d
