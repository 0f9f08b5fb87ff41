-- The stored walk of exactly the bound $official, $relations and $depth (family_walk: migration 009).
  WHERE walk_id = (SELECT walk_id FROM family_walk
    WHERE official = $official AND relations IS NOT DISTINCT FROM $relations::VARCHAR AND max_depth = $depth)
