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
SELECT strftime((SELECT date FROM d), '%Y-%m-%d') AS date, f.family,
  count(x.family) FILTER (WHERE x.depth = 0) AS officialRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth = 0), 0) AS officialDownloads,
  count(x.family) FILTER (WHERE x.depth > 0) AS derivativeRepos,
  coalesce(sum(x.downloads) FILTER (WHERE x.depth > 0), 0) AS derivativeDownloads,
  count(x.family) AS totalRepos, coalesce(sum(x.downloads), 0) AS totalDownloads
FROM fams f LEFT JOIN fam x ON x.family = f.family
GROUP BY f.family
ORDER BY totalDownloads DESC, f.family
