WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
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
),
chain(key, step) AS (
  SELECT key, 0 FROM tree WHERE key = lower($id)
  UNION ALL
  SELECT t.via, c.step + 1 FROM chain c JOIN tree t ON t.key = c.key WHERE t.via IS NOT NULL AND c.step < 100
)
SELECT c.step, m.id, t.depth, t.relation,
  (SELECT string_agg(l.origin, ',') FROM model_link l WHERE l.child_key = t.key AND l.parent_key = t.via) AS origin,
  'lineage' AS rule
FROM chain c JOIN tree t ON t.key = c.key JOIN model m ON m.key = c.key
UNION ALL
SELECT 0, n.id, NULL, NULL, NULL, 'name' FROM named n WHERE n.key = lower($id)
ORDER BY step DESC
