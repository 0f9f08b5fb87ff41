-- `tree`: the lineage walk a load stored for exactly these parameters, as the walking text's `tree` (with mid).
tree(mid, key, depth, relation, via) AS (
  -- the walk stored at load for exactly these parameters (family_walk, family_member: migration 009)
  SELECT mid, key, depth, relation, via FROM family_member
/* piece: duckdb-stored-walk-of-params */
)
