WITH d AS (SELECT (SELECT max(date) FROM snapshot WHERE status = 'complete' AND ($date::DATE IS NULL OR date = $date::DATE)) AS date),
fams AS (SELECT unnest($families) AS family, unnest($officials) AS official),
fam AS (
  -- each family's walk stored at load for exactly these parameters (family_walk, family_member: migration 009)
  SELECT f.family, x.depth, s.downloads
  FROM fams f JOIN family_walk w ON w.official = f.official AND w.relations IS NOT DISTINCT FROM $relations::VARCHAR
      AND w.max_depth = $depth
    JOIN family_member x ON x.walk_id = w.walk_id
    JOIN model_stats s ON s.mid = x.mid AND s.date = (SELECT date FROM d)
)
/* piece: families-ranking-answer */
