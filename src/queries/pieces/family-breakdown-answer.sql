-- family-breakdown's answer over `fam`: the walking and stored texts' one end.
SELECT * FROM (
  SELECT 'relation' AS dimension, relation AS value, count(*) AS repos, coalesce(sum(downloads), 0) AS downloads
  FROM fam WHERE depth > 0 GROUP BY relation
  UNION ALL
  SELECT 'depth', CAST(depth AS VARCHAR), count(*), coalesce(sum(downloads), 0) FROM fam WHERE depth > 0 GROUP BY depth
)
ORDER BY dimension, CASE WHEN dimension = 'depth' THEN try_cast(value AS INTEGER) END, downloads DESC, value
