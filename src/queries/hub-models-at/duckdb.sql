SELECT m.id, s.downloads, s.likes, m.license
FROM model m JOIN model_stats s ON s.mid = m.mid AND s.date = $date::DATE
WHERE list_contains(string_split($ids, ','), m.key)
ORDER BY m.id
