SELECT dimension, value, repos, downloads FROM (
  SELECT dimension, if(dimension = 'relation', relation, toString(depth)) AS value, sum(r) AS repos, sum(d) AS downloads,
    if(dimension = 'relation', toUInt32(0), depth) AS n
  FROM (
    SELECT relation, depth, repos AS r, dl AS d
    FROM rollup_family_rows WHERE load_id = /* piece: clickhouse-current-generation */ AND official = $official AND off = 0
      AND date = ifNull(/* piece: clickhouse-snapshot-date */, toDate(0))
  )
  ARRAY JOIN ['relation', 'depth'] AS dimension
  GROUP BY dimension, value, n
)
ORDER BY dimension, n, downloads DESC, value
