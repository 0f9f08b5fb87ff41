SELECT id FROM (
  SELECT id FROM model WHERE list_contains(string_split($authors, ','), lower(author))
  UNION
  SELECT model AS id FROM leaderboard_entry
  WHERE regexp_matches(model, '^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+$') AND list_contains(string_split($authors, ','), lower(split_part(model, '/', 1)))
) ORDER BY id
