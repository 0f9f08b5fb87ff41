SELECT dimension, value, repos, downloads FROM (
  SELECT dimension, if(dimension = 'relation', relation, toString(depth)) AS value, sum(r) AS repos, sum(dl) AS downloads,
    if(dimension = 'relation', toUInt32(0), depth) AS n
  FROM (
    SELECT relation, depth, count() AS r, ifNull(sum(downloads), 0) AS dl FROM (
      SELECT key, depth, relation FROM family_walk WHERE depth > 0
    ) ALL INNER JOIN (
      SELECT key, downloads FROM model_stats_by_date_all WHERE /* piece: clickhouse-snapshot-rows */
        AND key GLOBAL IN (SELECT key FROM family_walk WHERE depth > 0)
    ) USING key
    GROUP BY relation, depth
  )
  ARRAY JOIN ['relation', 'depth'] AS dimension
  GROUP BY dimension, value, n
)
ORDER BY dimension, n, downloads DESC, value
