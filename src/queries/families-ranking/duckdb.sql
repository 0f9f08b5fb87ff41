WITH RECURSIVE d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
fams AS (SELECT unnest($families) AS family, unnest($officials) AS official),
candidates AS MATERIALIZED (
  SELECT key FROM model
  WHERE regexp_matches(key, array_to_string(list_transform($officials, x -> '(?:' || x || ')'), '|'))
),
tree(family, key, depth) USING KEY (family, key) AS (
  SELECT f.family, c.key, 0 FROM fams f JOIN candidates c ON regexp_matches(c.key, f.official)
  UNION
  SELECT t.family, l.child_key, min(t.depth) + 1
  FROM tree t JOIN model_link l ON l.parent_key = t.key
    LEFT JOIN recurring.tree r ON r.family = t.family AND r.key = l.child_key
  WHERE t.depth < $depth
    AND (($relations::VARCHAR IS NULL AND l.relation <> 'reupload') OR list_contains(string_split($relations, ','), l.relation))
    AND r.key IS NULL
  GROUP BY t.family, l.child_key
),
fam AS (
  SELECT t.family, t.depth, s.downloads
  FROM tree t JOIN model m ON m.key = t.key
    JOIN model_stats s ON s.mid = m.mid AND s.date = (SELECT date FROM d)
)
/* piece: families-ranking-answer */
