SELECT id, author, license FROM model
WHERE list_contains(string_split(lower($authors), ','), lower(author)) ORDER BY id
