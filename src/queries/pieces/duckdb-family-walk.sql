-- `tree`: the lineage walk from the models matching $official, following the links of $relations (all but
-- re-uploads when null) up to $depth steps; each model once, at its shortest depth.
tree(key, depth, relation, via) USING KEY (key) AS (
  SELECT key, 0, 'official', NULL::VARCHAR FROM model WHERE regexp_matches(key, $official)
  UNION
  SELECT l.child_key, min(t.depth) + 1, arg_min(l.relation, t.key), min(t.key)
  FROM tree t JOIN model_link l ON l.parent_key = t.key
  WHERE t.depth < $depth
    AND (($relations::VARCHAR IS NULL AND l.relation <> 'reupload') OR list_contains(string_split($relations, ','), l.relation))
    AND l.child_key NOT IN (SELECT key FROM recurring.tree)
  GROUP BY l.child_key
)
