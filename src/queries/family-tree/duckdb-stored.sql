WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
tree(mid, key, depth, relation, via) AS (
  -- the walk stored at load for exactly these parameters (family_walk, family_member: migration 009)
  SELECT mid, key, depth, relation, via FROM family_member
  WHERE walk_id = (SELECT walk_id FROM family_walk
    WHERE official = $official AND relations IS NOT DISTINCT FROM $relations::VARCHAR AND max_depth = $depth)
),
fam AS (
  SELECT t.key, t.depth, t.relation, t.via, m.mid, m.id, m.author, s.downloads, s.likes
  FROM tree t JOIN model m ON m.mid = t.mid
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
),
named AS (
  SELECT m.key, m.id, s.downloads
  FROM model m JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
  WHERE $names::VARCHAR IS NOT NULL AND regexp_matches(m.key, $names)
    AND m.key NOT IN (SELECT key FROM fam)
)
SELECT f.id, p.id AS parent, f.depth, f.relation, f.downloads,
  (SELECT count(*) FROM fam c WHERE c.via = f.key) AS children
FROM fam f LEFT JOIN model p ON p.key = f.via
ORDER BY f.depth, f.downloads DESC NULLS LAST, f.id
