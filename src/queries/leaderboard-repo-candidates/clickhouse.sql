SELECT id FROM (
  SELECT id FROM model WHERE has(splitByChar(',', $authors), lowerUTF8(author))
  UNION ALL
  SELECT model AS id FROM leaderboard_entry
  WHERE match(model, '^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+$') AND has(splitByChar(',', $authors), lowerUTF8(splitByChar('/', model)[1]))
) GROUP BY id ORDER BY id
